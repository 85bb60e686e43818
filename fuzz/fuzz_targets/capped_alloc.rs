//! A global allocator that aborts on any single allocation over
//! [`CAP`]: a reader that sizes a buffer from what a file declares (rows ×
//! columns, a shared-string count) is a crash here, found by the fuzzer,
//! not an out-of-memory kill on a server. Only the fuzz targets use it
//! (the workspace forbids `unsafe`; `fuzz/` is outside it).

use std::alloc::{GlobalAlloc, Layout, System};

/// The largest single allocation a reader may make: 256 MiB.
pub const CAP: usize = 256 << 20;

pub struct Capped;

// SAFETY: every call is forwarded to the system allocator unchanged; the
// only addition is an abort before an oversized request.
unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        // SAFETY: the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, i.e. from `System`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        check(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn check(size: usize) {
    if size > CAP {
        // No allocation here: write the message with a fixed buffer.
        eprintln!("capped allocator: one allocation of {size} bytes (cap {CAP})");
        std::process::abort();
    }
}

#[global_allocator]
static GLOBAL: Capped = Capped;
