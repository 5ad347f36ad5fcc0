#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (LLVM 11 and later), linked in by -sanitize=fuzzer. The harnesses call
/// it from their own main: SwiftPM gives every executable a Swift entry point, which would
/// otherwise shadow libFuzzer's main.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
