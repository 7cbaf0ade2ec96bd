/// Welch's t-test between two classes of measurements, accumulated online (Welford's method), as dudect
/// does it: t = (mean₀ − mean₁) / √(var₀/n₀ + var₁/n₁).
struct WelchTest {
    /// Running count, mean and sum of squared deviations of one class.
    struct Sample {
        var count = 0.0
        var mean = 0.0
        var squaredDeviations = 0.0

        mutating func add(_ value: Double) {
            count += 1
            let delta = value - mean
            mean += delta / count
            squaredDeviations += delta * (value - mean)
        }

        var variance: Double { count > 1 ? squaredDeviations / (count - 1) : 0 }
    }

    var fixed = Sample()
    var random = Sample()

    mutating func add(_ value: Double, fixedClass: Bool) {
        if fixedClass { fixed.add(value) } else { random.add(value) }
    }

    /// Measurements in the smaller class.
    var smallerClassCount: Int { Int(Swift.min(fixed.count, random.count)) }

    /// The t statistic (0 while a class has fewer than two measurements).
    var t: Double {
        guard fixed.count > 1, random.count > 1 else { return 0 }
        let spread = (fixed.variance / fixed.count + random.variance / random.count).squareRoot()
        return spread > 0 ? (fixed.mean - random.mean) / spread : 0
    }
}
