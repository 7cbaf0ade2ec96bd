extension SchnorrGroup {
    /// (modulus counter, generator counter) for L = 32 … 64, as ``search(byteLength:)`` finds them (about 55 s
    /// for all 33 on one core). The test suite repeats the search and re-derives q and g independently.
    static let derivedCounters: [(Int, Int)] = [
        (43, 0),  // L = 32
        (1164, 0),  // L = 33
        (397, 0),  // L = 34
        (2306, 0),  // L = 35
        (88, 0),  // L = 36
        (2812, 0),  // L = 37
        (106, 0),  // L = 38
        (2165, 0),  // L = 39
        (1350, 0),  // L = 40
        (761, 0),  // L = 41
        (2153, 0),  // L = 42
        (2294, 0),  // L = 43
        (585, 0),  // L = 44
        (375, 0),  // L = 45
        (33, 0),  // L = 46
        (153, 0),  // L = 47
        (30, 0),  // L = 48
        (852, 0),  // L = 49
        (220, 0),  // L = 50
        (1101, 0),  // L = 51
        (314, 0),  // L = 52
        (1612, 0),  // L = 53
        (1232, 0),  // L = 54
        (117, 0),  // L = 55
        (3573, 0),  // L = 56
        (1378, 0),  // L = 57
        (515, 0),  // L = 58
        (888, 0),  // L = 59
        (2933, 0),  // L = 60
        (2160, 0),  // L = 61
        (619, 0),  // L = 62
        (23, 0),  // L = 63
        (710, 0),  // L = 64
    ]
}
