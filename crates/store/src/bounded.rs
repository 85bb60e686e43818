//! What the audit log accepts: every text field of an entry is cut to a
//! cap, with a note of how long it was, so no client can grow the
//! append-only log by sending a huge value (issue 13 item 4). The web
//! server refuses such values before anything is stored; this is the
//! defence behind it, for every writer of the log.
//!
//! Touches nothing; pure functions.

use std::borrow::Cow;

/// The most bytes kept of an actor, action or object.
pub const NAME_BYTES: usize = 512;
/// The most bytes kept of a detail.
pub const DETAIL_BYTES: usize = 8 * 1024;

/// `text` when it fits in `max` bytes; else its first characters that
/// fit, followed by `… (N bytes in all)`.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let note = format!("… ({} bytes in all)", text.len());
    let mut end = max.saturating_sub(note.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}{note}", &text[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_on_a_character_boundary_with_their_length() {
        assert_eq!(cut("lan", 512), "lan");
        let long = "ệ".repeat(10_000);
        let c = cut(&long, NAME_BYTES);
        assert!(c.len() <= NAME_BYTES, "{}", c.len());
        assert!(
            c.starts_with("ệệ") && c.ends_with("(30000 bytes in all)"),
            "{c}"
        );
        let huge = "x".repeat(40 << 20);
        assert!(cut(&huge, DETAIL_BYTES).len() <= DETAIL_BYTES);
    }
}
