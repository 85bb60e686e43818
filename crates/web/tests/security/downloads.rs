//! CSV downloads never carry a live spreadsheet formula (issue 13 item 8).
