//! A multipart form with one file field (`file`) read whole: every page
//! that takes an upload (reports, registers, bills of materials) reads it
//! here, so the limits and the file-name cleaning are the same everywhere.

use axum::extract::Multipart;

use crate::error::AppError;

/// The form as received.
#[derive(Debug, Default)]
pub struct Upload {
    /// The file's name as the browser gave it (control characters removed,
    /// at most 120 characters), or the default given.
    pub file_name: String,
    /// The file's bytes (empty when no file was chosen).
    pub file: Vec<u8>,
    /// The other fields in order, as sent (a name may repeat).
    pub fields: Vec<(String, String)>,
}

impl Upload {
    /// Reads the whole form; the request body limit applies.
    pub async fn read(mut form: Multipart, default_name: &str) -> Result<Upload, AppError> {
        let mut up = Upload {
            file_name: default_name.to_owned(),
            ..Upload::default()
        };
        while let Some(field) = form
            .next_field()
            .await
            .map_err(|e| AppError::BadRequest(format!("the form could not be read: {e}")))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            if name == "file" {
                if let Some(n) = field.file_name().filter(|n| !n.is_empty()) {
                    up.file_name = n.chars().filter(|c| !c.is_control()).take(120).collect();
                }
                up.file = field
                    .bytes()
                    .await
                    .map_err(|e| {
                        AppError::TooLarge(format!("the file could not be received: {e}"))
                    })?
                    .to_vec();
            } else {
                let text = field
                    .text()
                    .await
                    .map_err(|e| AppError::BadRequest(e.to_string()))?;
                up.fields.push((name, text));
            }
        }
        Ok(up)
    }

    /// The last value of a field, as sent.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A field trimmed and NFC-normalised, empty when absent.
    pub fn text(&self, name: &str) -> String {
        congthuong_core::text::nfc(self.field(name).unwrap_or_default().trim())
    }
}
