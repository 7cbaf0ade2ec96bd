// Prints "failures: 0" when built with -Onone; crashes (SIGSEGV) when built with -O (swift build -c release).
import Lib
import Use
var failures = 0
for n in 0..<64 {
    let input = Buffer((0..<n).map { UInt8(truncatingIfNeeded: $0 &* 7) })
    let b = TextCodecs.base64(secure: input)
    let expected = (n + 2) / 3 * 4
    if b.count != expected { failures += 1 }
}
print("failures:", failures)
