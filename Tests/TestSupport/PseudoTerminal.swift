public import Foundation

/// Runs a program on a pseudo-terminal, as a person at a terminal would: standard input, output and error
/// are the terminal, which is also the controlling terminal, with echo and line mode on. Each step waits for
/// its pattern to appear in the output (once more than the earlier steps with the same pattern) and then
/// types a line or sends a signal. Driven by a small Python script (`pty`, `termios`), which the tests have
/// (python3 is one of `make test`'s packages).
public enum PseudoTerminal {
    public struct Step: Sendable {
        let pattern: String
        let text: String?
        let signal: String?

        /// Types `text` and a newline once `pattern` (a Python regular expression over the output) appears.
        public static func type(_ text: String, after pattern: String) -> Step {
            Step(pattern: pattern, text: text, signal: nil)
        }

        /// Sends the signal `name` (`INT`, `TERM`, …) to the program once `pattern` appears.
        public static func signal(_ name: String, after pattern: String) -> Step {
            Step(pattern: pattern, text: nil, signal: name)
        }
    }

    public struct Transcript: Sendable, CustomStringConvertible {
        /// The exit status, or minus the signal number that ended the program.
        public let exitCode: Int
        /// Everything the program wrote to the terminal (and what the terminal echoed), carriage returns
        /// removed.
        public let output: String
        /// How many steps were taken (each after its pattern appeared).
        public let stepsTaken: Int
        /// Whether the terminal echoed input at the moment of each step taken.
        public let echoAtSteps: [Bool]
        /// Whether echo was on after the program ended (a program must restore what it turned off).
        public let echoAfter: Bool
        /// How often `count` matched the output (0 without one).
        public let matches: Int

        public var description: String {
            "exit \(exitCode), \(stepsTaken) steps, echo \(echoAtSteps) then \(echoAfter), \(matches) matches: \(output)"
        }
    }

    /// Runs `executable arguments…` on a new pseudo-terminal and takes `steps` in order; `count` is a pattern
    /// whose matches in the output are counted (prompts, say). Environment variables named in
    /// `removingEnvironment` (a trailing `*` names a prefix) are not passed on. The run is given up after 60 s.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        steps: [Step],
        count: String? = nil,
        removingEnvironment: [String] = ["MESHKEY_PASSPHRASE"]
    ) throws -> Transcript {
        var seen: [String: Int] = [:]
        let plan: [[String: Any]] = steps.map { step in
            seen[step.pattern, default: 0] += 1
            var item: [String: Any] = ["after": step.pattern, "occurrence": seen[step.pattern]!]
            if let text = step.text { item["type"] = text }
            if let signal = step.signal { item["signal"] = signal }
            return item
        }
        let spec: [String: Any] = [
            "argv": [executable] + arguments, "steps": plan, "count": count ?? "",
            "drop": removingEnvironment,
        ]
        let specText = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let data = Data(try SystemTool.run(["python3", "-c", script, specText]).output.utf8)
        guard let result = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return Transcript(
            exitCode: result["rc"] as? Int ?? -1000,
            output: result["output"] as? String ?? "",
            stepsTaken: result["steps"] as? Int ?? 0,
            echoAtSteps: result["echo"] as? [Bool] ?? [],
            echoAfter: result["echoAfter"] as? Bool ?? false,
            matches: result["matches"] as? Int ?? 0
        )
    }

    /// The driver. It keeps its end of the terminal's slave side open (to read the terminal's modes), so the
    /// end of the program is seen by `poll()`, not by end of file.
    static let script = """
        import fcntl, json, os, pty, re, select, signal, subprocess, sys, termios, time
        spec = json.loads(sys.argv[1])
        master, slave = pty.openpty()
        attrs = termios.tcgetattr(slave)
        attrs[3] |= termios.ECHO | termios.ICANON
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        def dropped(name):
            return any(name.startswith(d[:-1]) if d.endswith("*") else name == d for d in spec["drop"])
        env = {k: v for k, v in os.environ.items() if not dropped(k)}
        def controlling():
            # The test runner may hand its children a blocked signal mask; a user's shell does not.
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT, signal.SIGTERM])
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        p = subprocess.Popen(spec["argv"], stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                             preexec_fn=controlling, env=env)
        def echo():
            return bool(termios.tcgetattr(slave)[3] & termios.ECHO)
        def read(seconds):
            data = b""
            end = time.time() + seconds
            while time.time() < end:
                r, _, _ = select.select([master], [], [], 0.05)
                if r:
                    try:
                        chunk = os.read(master, 65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    data += chunk
                elif p.poll() is not None:
                    break
            return data
        out = b""
        steps = spec["steps"]
        taken = 0
        echoes = []
        end = time.time() + 60
        while time.time() < end:
            out += read(0.1)
            if taken < len(steps):
                step = steps[taken]
                if len(re.findall(step["after"].encode(), out)) >= step["occurrence"]:
                    time.sleep(0.2)
                    out += read(0.05)
                    echoes.append(echo())
                    if "signal" in step:
                        p.send_signal(getattr(signal, "SIG" + step["signal"]))
                    else:
                        os.write(master, step["type"].encode() + b"\\n")
                    taken += 1
                    continue
            if p.poll() is not None:
                break
        try:
            rc = p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = p.wait()
        out += read(0.3)
        text = out.decode("utf-8", "replace").replace("\\r", "")
        count = len(re.findall(spec["count"].encode(), out)) if spec["count"] else 0
        print(json.dumps({"rc": rc, "output": text, "steps": taken, "echo": echoes, "echoAfter": echo(),
                          "matches": count}))
        """
}
