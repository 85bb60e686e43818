//! Who may change which province's records (issue 13 item 9).
