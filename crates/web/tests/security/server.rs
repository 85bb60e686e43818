//! Slow clients, error envelopes, headers and files (issue 13 items 11, 12, 13).
