/// A tiny timing harness: warm up, then time batches with `ContinuousClock` and report per-operation
/// min / median / p90.
struct Benchmark {
    let name: String
    let batches: Int
    let iterationsPerBatch: Int
    let operation: () -> Int

    struct Result {
        let name: String
        let minimum: Double
        let median: Double
        let p90: Double
        let iterations: Int

        /// Seconds in a readable unit.
        static func format(_ seconds: Double) -> String {
            if seconds < 1e-3 { return String(format3(seconds * 1e6)) + " µs" }
            if seconds < 1 { return String(format3(seconds * 1e3)) + " ms" }
            return String(format3(seconds)) + " s"
        }

        private static func format3(_ value: Double) -> String {
            let scaled = (value * 100).rounded() / 100
            return String(scaled)
        }

        var line: String {
            let padded = name.padding(to: 46)
            return
                "\(padded) min \(Self.format(minimum).padding(to: 11)) median \(Self.format(median).padding(to: 11)) p90 \(Self.format(p90).padding(to: 11)) (\(iterations) runs)"
        }
    }

    func run() -> Result {
        var sink = 0
        for _ in 0..<Swift.max(1, iterationsPerBatch) { sink &+= operation() }  // warm-up
        let clock = ContinuousClock()
        var perOperation: [Double] = []
        for _ in 0..<batches {
            let elapsed = clock.measure {
                for _ in 0..<iterationsPerBatch { sink &+= operation() }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            perOperation.append(seconds / Double(iterationsPerBatch))
        }
        perOperation.sort()
        precondition(sink != 42, "keeps the work observable")
        func percentile(_ p: Double) -> Double {
            perOperation[Swift.min(perOperation.count - 1, Int(Double(perOperation.count) * p))]
        }
        return Result(
            name: name,
            minimum: perOperation[0],
            median: percentile(0.5),
            p90: percentile(0.9),
            iterations: batches * iterationsPerBatch
        )
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
