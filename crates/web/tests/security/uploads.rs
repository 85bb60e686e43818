//! Hostile workbooks on every upload path (issue 13 item 1).
