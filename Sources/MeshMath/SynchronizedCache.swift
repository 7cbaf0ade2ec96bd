import Synchronization

/// A small thread-safe memo table for immutable, sendable values.
final class SynchronizedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let table = Mutex<[Key: Value]>([:])

    func value(for key: Key, make: () -> Value) -> Value {
        if let known = table.withLock({ $0[key] }) { return known }
        let made = make()
        return table.withLock { table in
            if let raced = table[key] { return raced }
            table[key] = made
            return made
        }
    }
}
