//! Release comparisons stay fast and bounded (issue 13 item 3).
