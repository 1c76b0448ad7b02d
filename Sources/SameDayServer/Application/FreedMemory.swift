// Start-up reads millions of rows through short-lived buffers (pages of rows, growing arrays). glibc's malloc keeps
// what they freed in its heaps, so the process's resident memory stays near the load's peak; `malloc_trim` gives
// the free pages back to the system once a load is done.

#if os(Linux) && canImport(Glibc)
    /// glibc's `int malloc_trim(size_t pad)` (malloc.h, which the Glibc module does not bring in).
    @_silgen_name("malloc_trim")
    private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

public enum FreedMemory {
    /// Returns the heap's free pages to the system (glibc); nothing elsewhere.
    public static func returnToSystem() {
        #if os(Linux) && canImport(Glibc)
            _ = glibcMallocTrim(0)
        #endif
    }
}
