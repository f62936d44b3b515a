# Sourced by the valgrind tests (batch mode and the visualiser).

# Memcheck fails the run (exit 99) on any error or definite or indirect leak,
# and reports only those: memory ncurses keeps until exit is not a leak.
valgrind_memcheck=(valgrind -q --error-exitcode=99 --leak-check=full
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect)

# valgrind_usable BINARY succeeds when valgrind can check BINARY, otherwise
# prints why not (the caller then skips with 77).
valgrind_usable() {
    if ! command -v valgrind >/dev/null; then
        echo "skip: valgrind is not installed"
        return 1
    fi
    # A sanitizer build has its own allocator and shadow memory; valgrind cannot run it.
    if grep -qa __asan_init "$1" || ldd "$1" 2>/dev/null | grep -q libasan; then
        echo "skip: $1 is an AddressSanitizer build"
        return 1
    fi
}
