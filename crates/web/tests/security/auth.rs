//! Logins, sessions, passwords, redirects and form field lengths (issue 13 items 2, 4, 5, 6, 7).
