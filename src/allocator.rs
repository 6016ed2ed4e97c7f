//! The binary's memory allocator: mimalloc, tuned to hand memory back to the system
//! soon after it is freed.
//!
//! A build allocates and frees many small strings on two worker threads at once (each
//! page's HTML, body, ids and search words). glibc's malloc keeps a heap per thread and
//! fragments them: at 50,000 pages it held about 440 MB for about 290 MB in use.
//! mimalloc as it comes is faster but commits whole arenas at once and purges freed
//! pages late. With the two options below, the same build peaks at about three
//! quarters of glibc's and takes less time (figures in the README's performance
//! section).
//!
//! Only the binary uses it; the library leaves the choice to whoever links it.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::Once;

use libmimalloc_sys::{mi_option_set_default, mi_option_t};
use mimalloc::MiMalloc;

/// mimalloc, with its options set before its first allocation.
pub(crate) struct Allocator;

/// Option numbers of mimalloc 3 (`mi_option_e` in its `mimalloc.h`); the constants of
/// `libmimalloc-sys` are mimalloc 2's, which numbers its options differently.
const ARENA_EAGER_COMMIT: mi_option_t = 4;
const PURGE_DELAY: mi_option_t = 15;

static TUNED: Once = Once::new();

/// Sets the options, once, before anything is allocated: options set later (in `main`,
/// say) come after the runtime's first allocations have started the arenas.
fn tune() {
    TUNED.call_once(|| {
        // SAFETY: setting an option only stores a number; mimalloc reads it when it
        // next needs it. Neither call allocates.
        unsafe {
            // Commit an arena's memory as it is used, not all at once.
            mi_option_set_default(ARENA_EAGER_COMMIT, 0);
            // Give freed memory back after 2 ms instead of 10 (arenas: 20 instead of 100).
            mi_option_set_default(PURGE_DELAY, 2);
        }
    });
}

// SAFETY: every call is passed on to mimalloc unchanged; `tune` allocates nothing.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        tune();
        // SAFETY: the caller's guarantees, passed on.
        unsafe { MiMalloc.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        tune();
        // SAFETY: the caller's guarantees, passed on.
        unsafe { MiMalloc.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from `alloc` above, so mimalloc is tuned already.
        unsafe { MiMalloc.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above.
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use libmimalloc_sys::mi_option_get;

    #[test]
    fn the_options_are_in_effect_once_anything_is_allocated() {
        let held = vec![0u8; 64];
        let set_from_outside = |name: &str| std::env::var_os(format!("MIMALLOC_{name}")).is_some();
        // SAFETY: reading an option only reads a number.
        let (eager, delay) = unsafe {
            (
                mi_option_get(ARENA_EAGER_COMMIT),
                mi_option_get(PURGE_DELAY),
            )
        };
        if !set_from_outside("ARENA_EAGER_COMMIT") {
            assert_eq!(eager, 0);
        }
        if !set_from_outside("PURGE_DELAY") {
            assert_eq!(delay, 2);
        }
        drop(held);
    }
}
