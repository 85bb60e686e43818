//! The public briefing shows released figures only; unknown groups (issue 13 items 10, 11).
