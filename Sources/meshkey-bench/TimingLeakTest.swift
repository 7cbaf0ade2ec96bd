import MeshCrypto

#if canImport(Glibc)
import Glibc
#endif

/// A dudect-style timing test ("dude, is my code constant time?", Reparaz, Balasch and Verbauwhede 2017):
/// the operation runs on inputs of two classes, a fixed secret and a fresh random secret, the class drawn
/// at random for each measurement and the inputs prepared before a batch is timed. Each call is timed
/// with `clock_gettime(CLOCK_MONOTONIC_RAW)`. Welch's t-test then compares the two classes' times:
///
/// * on all measurements;
/// * on the measurements below each of 100 thresholds, the percentiles 1 − 0.5^(k/10) (k = 1 … 100) of
///   a first calibration batch, as dudect crops the long tail that interruptions and other processes add;
/// * second order: the squared distance from the class mean (once 10 000 measurements are in).
///
/// The largest |t| over the tests with enough measurements is the result; |t| ≥ 4.5 is the usual
/// threshold for "the classes differ", i.e. a timing leak.
struct TimingLeakTest<Input> {
    let name: String
    /// Makes one input: the fixed secret (`true`) or a random one.
    let makeInput: (_ fixedClass: Bool) -> Input
    /// Runs the operation; returns something derived from the result so that it is not optimised away.
    let operation: (Input) -> Int

    /// Measurements per batch; classes and inputs are prepared for a whole batch before it is timed.
    static var batchSize: Int { 10_000 }
    /// Measurements at the start of each batch that are timed but not counted (warm-up after preparing).
    static var discardedPerBatch: Int { 10 }
    static var percentileCount: Int { 100 }

    func run(measurements: Int) -> TimingLeakReport {
        var sink = 0
        // Calibration batch: sets the cropping thresholds only (as dudect's first batch).
        let calibration = Swift.max(1_000, Swift.min(Self.batchSize, measurements / 10))
        var calibrationTimes = timeBatch(calibration, sink: &sink).times
        calibrationTimes.sort()
        let thresholds = (1...Self.percentileCount).map { k -> Double in
            let fraction = 1 - pow(0.5, Double(k) / 10)
            return calibrationTimes[
                Swift.min(calibrationTimes.count - 1, Int(fraction * Double(calibrationTimes.count)))
            ]
        }
        var uncropped = WelchTest()
        var cropped = [WelchTest](repeating: WelchTest(), count: Self.percentileCount)
        var secondOrder = WelchTest()
        var done = 0
        while done < measurements {
            let count = Swift.min(Self.batchSize, measurements - done) + Self.discardedPerBatch
            let batch = timeBatch(count, sink: &sink)
            for index in Self.discardedPerBatch..<count {
                let time = batch.times[index]
                let fixedClass = batch.classes[index]
                uncropped.add(time, fixedClass: fixedClass)
                for (k, threshold) in thresholds.enumerated() where time < threshold {
                    cropped[k].add(time, fixedClass: fixedClass)
                }
                if uncropped.fixed.count > 10_000 {
                    let mean = fixedClass ? uncropped.fixed.mean : uncropped.random.mean
                    secondOrder.add((time - mean) * (time - mean), fixedClass: fixedClass)
                }
            }
            done += count - Self.discardedPerBatch
        }
        precondition(sink != 0x5EC4E7, "keeps the results observable")
        // dudect counts a test once each class has over 10 000 measurements; short runs scale that down.
        let enough = Swift.min(10_000, measurements / 20)
        var tests: [(label: String, test: WelchTest)] = [("uncropped", uncropped), ("second order", secondOrder)]
        for (k, test) in cropped.enumerated() {
            tests.append(("below p\(format1(100 * (1 - pow(0.5, Double(k + 1) / 10))))", test))
        }
        let counted = tests.filter { $0.test.smallerClassCount > enough }
        let largest = counted.max { abs($0.test.t) < abs($1.test.t) }
        return TimingLeakReport(
            name: name,
            measurements: measurements,
            fixedCount: Int(uncropped.fixed.count),
            randomCount: Int(uncropped.random.count),
            uncroppedT: uncropped.t,
            secondOrderT: secondOrder.smallerClassCount > enough ? secondOrder.t : nil,
            maxAbsT: largest.map { abs($0.test.t) } ?? .nan,
            maxLabel: largest?.label ?? "none",
            testsCounted: counted.count,
            medianNanoseconds: calibrationTimes[calibrationTimes.count / 2]
        )
    }

    /// Draws the classes, prepares the inputs, then times each call.
    private func timeBatch(_ count: Int, sink: inout Int) -> (times: [Double], classes: [Bool]) {
        let classBits = SecureRandom.bytes((count + 7) / 8)
        let classes = (0..<count).map { classBits[$0 / 8] >> UInt8($0 % 8) & 1 == 1 }
        let inputs = classes.map { makeInput($0) }
        var times = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let start = Self.nanoseconds()
            sink &+= operation(inputs[index])
            let end = Self.nanoseconds()
            times[index] = Double(end &- start)
        }
        return (times, classes)
    }

    @inline(__always)
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC_RAW, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}

/// The outcome of one ``TimingLeakTest``.
struct TimingLeakReport {
    static let threshold = 4.5

    let name: String
    let measurements: Int
    let fixedCount: Int
    let randomCount: Int
    let uncroppedT: Double
    /// nil when too few measurements reached the second-order test.
    let secondOrderT: Double?
    let maxAbsT: Double
    let maxLabel: String
    let testsCounted: Int
    let medianNanoseconds: Double

    var passed: Bool { maxAbsT < Self.threshold }

    var line: String {
        let verdict =
            maxAbsT.isNaN
            ? "too few measurements"
            : passed
                ? "below \(Self.threshold): no leak detected"
                : "AT OR ABOVE \(Self.threshold): timing differs between the classes"
        return "\(name.padding(to: 40)) \(measurements) measurements (\(fixedCount) fixed, \(randomCount) random), "
            + "median \(medianNanoseconds < 10_000 ? "\(Int(medianNanoseconds)) ns" : "\(format1(medianNanoseconds / 1000)) µs"); t uncropped \(format2(uncroppedT)), "
            + "second order \(secondOrderT.map(format2) ?? "n/a"); max |t| \(format2(maxAbsT)) (\(maxLabel), of \(testsCounted) tests): \(verdict)"
    }
}

func format1(_ value: Double) -> String { String((value * 10).rounded() / 10) }
func format2(_ value: Double) -> String { String((value * 100).rounded() / 100) }
