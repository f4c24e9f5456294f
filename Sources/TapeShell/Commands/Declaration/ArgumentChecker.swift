import TapeCore

/// The dispatcher's checks, once for every command and subcommand: unknown option keys
/// (with "did you mean"), too few or too many arguments, required options, and each
/// value converted by its declared kind, unit rules and bounds. An error names the
/// value at fault with a caret and says how to write it.
struct ArgumentChecker {
    let spec: CommandSpec
    let invocation: CommandInvocation
    /// Evaluates an expression in the workspace (numbers, dates and ranges only reach here).
    let evaluate: (Expr) throws -> Value
    /// Whether a bare word names something of the workspace (a dataset, binding, column
    /// or function): such a word is a value, not a mistyped option key.
    var isKnownName: (String) -> Bool = { _ in false }

    func check() throws -> Arguments {
        var args = Arguments()
        var positionals: [Expr] = []
        for (index, item) in invocation.items.enumerated() {
            switch item {
            case .option(let key, let span, let value):
                guard let option = spec.option(key) else { throw unknownOption(key, span) }
                if option.isFlag {
                    if let value {
                        throw TapeError("\(key) takes no value", span: value.span.union(span), hint: "write just: \(key)")
                    }
                    args.options[key] = .flag
                } else if let value {
                    args.options[key] = try convert(value, kind: option.kind, bounds: option.bounds,
                                                    acceptsRange: option.acceptsRange, name: key)
                } else {
                    throw TapeError("'\(key)' needs a value", span: span, hint: "usage: \(spec.usage)")
                }
            case .positional(let e):
                try checkNotAMistypedKey(e, next: index + 1 < invocation.items.count ? invocation.items[index + 1] : nil,
                                         at: positionals.count)
                positionals.append(e)
            }
        }
        // `chart scater close, open`: a container that also runs on its own (`chart SPY`)
        // sees a mistyped subcommand as its first argument; name it before counting.
        if !spec.subcommands.isEmpty, case .name(let w, let span)? = positionals.first, !isKnownName(w.lowercased()),
           Suggest.nearest(w.lowercased(), in: spec.subcommands.flatMap { [$0.name] + $0.aliases }) != nil {
            throw unknownSubcommand(w, span)
        }
        try checkArity(positionals)
        if let declared = spec.arguments {
            // Positionals fill the declared arguments in order; an optional number that is
            // not written as one is left out (`show head close` is `show head [N] close`).
            var slot = 0
            for e in positionals {
                while slot < declared.count, declared[slot].optional, !declared[slot].variadic, declared[slot].kind.isNumeric,
                      Self.literal(e) == nil, slot + 1 < declared.count {
                    slot += 1
                }
                guard let a = slot < declared.count ? declared[slot] : declared.last(where: \.variadic) else { break }
                if !a.variadic { slot += 1 }
                // A file argument is named by its placeholder (`"FILE.tape"`): the error names
                // the command and shows its usage instead.
                if a.kind == .path, !Self.isQuoted(e) {
                    throw TapeError("\(spec.fullName) needs a file name in quotes", span: e.span, hint: "usage: \(spec.usage)")
                }
                args.positionals.append(try convert(e, kind: a.kind, bounds: a.bounds, acceptsRange: false,
                                                    name: a.name.count == 1 ? a.name : a.name.lowercased()))
            }
        } else {
            args.positionals = positionals.map { .expression($0) }
        }
        for option in spec.options where option.required && args.options[option.name] == nil {
            throw TapeError("\(spec.fullName) needs \(option.name): \(option.name) \(option.placeholder.isEmpty ? option.kind.placeholder : option.placeholder)",
                            span: invocation.nameSpan, hint: "usage: \(spec.usage)")
        }
        return args
    }

    static func isQuoted(_ e: Expr) -> Bool {
        if case .string = e { return true }
        return false
    }

    /// `strik 105`: a bare word followed by a value, close to one of the command's keys and
    /// naming nothing in the workspace, is a mistyped option, not an argument; so is a word
    /// close to a flag (`americn`) wherever it stands. A word followed by another word or
    /// by an option is left to be an argument: `strategy short put spot 100` names a
    /// strategy, though `short` is one edit from `spot` and `put` two from `at`.
    func checkNotAMistypedKey(_ e: Expr, next: CommandItem?, at position: Int = 0) throws {
        // Only declarations that list their arguments: an older free-form command may
        // read any word (a subcommand, a strategy) itself.
        guard spec.arguments != nil, let word = unknownWord(e), !spec.options.isEmpty else { return }
        // A word where a required name goes (`scan banks rank by ...`: the universe) is that
        // name, however near a flag it is: the command cannot run without it.
        if !isValue(next), let args = spec.arguments, position < args.count, !args[position].optional,
           !args[position].variadic, args[position].kind == .word || args[position].kind == .text { return }
        let candidates = isValue(next) ? spec.options.map(\.name) : spec.flags
        guard let near = Suggest.nearest(word.lowercased(), in: candidates) else { return }
        throw TapeError("\(spec.fullName) has no option '\(word)'", span: e.span, hint: "did you mean '\(near)'? usage: \(spec.usage)")
    }

    /// A bare word that names nothing in the workspace and is none of the words a declared
    /// argument chooses from: what a mistyped option key looks like.
    func unknownWord(_ e: Expr) -> String? {
        guard case .name(let word, _) = e, !isKnownName(word.lowercased()) else { return nil }
        if let args = spec.arguments, args.contains(where: { a in
            if case .choice(let words) = a.kind { return words.contains(word.lowercased()) }
            return false
        }) { return nil }
        return word
    }

    /// Whether an item is a value an option key could take: a number, string, range,
    /// expression or a name of the workspace, as opposed to a bare word or an option.
    func isValue(_ item: CommandItem?) -> Bool {
        guard case .positional(let e)? = item else { return false }
        if case .name(let n, _) = e { return isKnownName(n.lowercased()) }
        return true
    }

    func unknownOption(_ key: String, _ span: Span) -> TapeError {
        let known = spec.options.map(\.name)
        let usage = "usage: \(spec.usage)"
        if known.isEmpty {
            return TapeError("\(spec.fullName) takes no options", span: span, hint: usage)
        }
        return TapeError("\(spec.fullName) has no option '\(key)'", span: span,
                         hint: Suggest.hint(key, in: known).map { $0 + " " + usage } ?? usage)
    }

    func checkArity(_ positionals: [Expr]) throws {
        if let max = spec.maxPositional, positionals.count > max {
            try checkExcessIsNotAnOption(from: max)
            let extra = positionals[max]
            if max == 0 {
                if !spec.subcommands.isEmpty, let w = extra.word {
                    throw unknownSubcommand(w, extra.span)
                }
                throw TapeError("\(spec.fullName) takes no arguments", span: extra.span, hint: "usage: \(spec.usage)")
            }
            throw TapeError("too many arguments for \(spec.fullName)", span: extra.span, hint: "usage: \(spec.usage)")
        }
        if positionals.count < spec.minPositional, let declared = spec.arguments {
            let missing = declared[positionals.count]
            throw TapeError("\(spec.fullName) needs \(missing.name)", span: positionals.last?.span ?? invocation.nameSpan,
                            hint: "usage: \(spec.usage)")
        }
    }

    /// `chain smile strike 5`: when there are more arguments than the declaration takes
    /// and among them is a word followed by a value, the word was meant as an option key
    /// this command does not have; say that, at the word, rather than "too many arguments".
    /// The last declared argument counts too when it cannot be a word (`N` of
    /// `chain smile`), since then the word cannot have been meant for it.
    func checkExcessIsNotAnOption(from max: Int) throws {
        guard let declared = spec.arguments, max > 0 || spec.subcommands.isEmpty else { return }
        var from = max
        if max > 0, declared.count >= max {
            switch declared[max - 1].kind {
            case .word, .text, .expression, .choice: break
            default: from = max - 1
            }
        }
        var positional = 0
        for (i, item) in invocation.items.enumerated() {
            guard case .positional(let e) = item else { continue }
            defer { positional += 1 }
            guard positional >= from else { continue }
            guard let word = unknownWord(e), i + 1 < invocation.items.count, case .positional = invocation.items[i + 1] else { continue }
            // Followed by another bare word (`load SPY form store`), only when near a key.
            if isValue(invocation.items[i + 1]) || Suggest.nearest(word.lowercased(), in: spec.keys) != nil {
                throw unknownOption(word, e.span)
            }
        }
    }

    func unknownSubcommand(_ word: String, _ span: Span) -> TapeError {
        let names = spec.subcommands.flatMap { [$0.name] + $0.aliases }
        return TapeError("unknown \(spec.fullName) subcommand '\(word)'", span: span,
                         hint: Suggest.hint(word.lowercased(), in: names) ?? "one of: " + spec.subcommands.map(\.name).joined(separator: ", "))
    }

    // MARK: Conversion

    func convert(_ e: Expr, kind: ValueKind, bounds: Bounds?, acceptsRange: Bool, name: String) throws -> ArgumentValue {
        if case .range(let a, let b, _, let span) = e, acceptsRange, kind.isNumeric {
            for part in [a, b] { try checkUnit(part, kind: kind, name: name) }
            guard case .numberRange(let from, let to, let by) = try evaluate(e) else {
                throw TapeError("\(name) must be a range of numbers", span: span)
            }
            let values = Value.expand(from: from, to: to, step: by)
            for v in values { try checkBounds(v, bounds, kind: kind, name: name, span: span) }
            return .numbers(values)
        }
        switch kind {
        case .expression:
            return .expression(e)
        case .flag:
            return .flag
        case .number, .count, .money, .rate:
            try checkUnit(e, kind: kind, name: name, bounds: bounds)
            let x: Double
            switch try evaluate(e) {
            case .number(let v): x = v
            case .numberRange where !acceptsRange:
                throw TapeError("\(name) takes one value, not a range", span: e.span)
            case let v:
                throw TapeError("\(name) must be \(kind == .rate ? "a rate such as 4%" : "a number"), got \(v.typeName)", span: e.span)
            }
            if kind == .count, x != x.rounded() || !x.isFinite {
                throw TapeError("\(name) must be a whole number", span: e.span,
                                hint: bounds.map { "\(name) is " + $0.describe(show(kind)) })
            }
            try checkBounds(x, bounds, kind: kind, name: name, span: e.span)
            return .number(x)
        case .priceOffset:
            // Which it is shows only in how it is written.
            guard let (x, unit, span) = Self.literal(e) else {
                throw TapeError("\(name) must be written as a number: a percentage of the price (5%) or price units (2.5)",
                                span: e.span)
            }
            try checkUnit(e, kind: kind, name: name)
            let percent = unit == .percent || unit == .basisPoints
            let fraction = unit == .percent ? x / 100 : unit == .basisPoints ? x / 10_000 : x
            if percent, !(fraction < 1) {
                throw TapeError("\(name) must be below 100% of the price", span: span, hint: "or write price units: \(name) \(Format.number(x))")
            }
            try checkBounds(fraction, bounds, kind: percent ? .rate : .money, name: name, span: span)
            return .priceOffset(fraction, percent: percent)
        case .duration:
            try checkUnit(e, kind: kind, name: name)
            guard case .duration(let count, let unit) = try evaluate(e) else {
                throw TapeError("\(name) must be a duration such as 30d, 6m or 1y", span: e.span)
            }
            let d = DurationValue(count: count, unit: unit)
            try checkBounds(d.days, bounds, kind: kind, name: name, span: e.span)
            return .duration(d)
        case .date:
            guard case .date(let t) = try evaluate(e) else {
                throw TapeError("\(name) must be a date such as 2021-06-30", span: e.span)
            }
            return .date(t)
        case .dateRange:
            guard case .dateRange(let a, let b) = try evaluate(e) else {
                throw TapeError("\(name) must be a date range such as 2020-01-01..2021-06-30", span: e.span)
            }
            return .dateRange(from: a, to: b)
        case .choice(let words):
            guard let w = e.word?.lowercased() else {
                throw TapeError("\(name) must be one of: \(words.joined(separator: ", "))", span: e.span)
            }
            guard words.contains(w) else {
                throw TapeError("unknown \(name) '\(w)'", span: e.span,
                                hint: Suggest.hint(w, in: words) ?? "one of: " + words.joined(separator: ", "))
            }
            return .word(w)
        case .word:
            guard let w = e.word else { throw TapeError("\(name) must be a name", span: e.span) }
            return .word(w)
        case .text:
            if let w = e.word { return .word(w) }
            guard case .string(let s) = try evaluate(e) else {
                throw TapeError("\(name) must be a name or a quoted string", span: e.span)
            }
            return .word(s)
        case .path:
            guard case .string(let s, _) = e else {
                throw TapeError("\(name) needs a file name in quotes", span: e.span, hint: "e.g. \(name) \"file.csv\"")
            }
            return .word(s)
        }
    }

    /// The unit rules, on a number as written (`25`, `25%`, `-3bp`, `30d`). Values that
    /// come out of an expression carry no written unit and are left to their type.
    func checkUnit(_ e: Expr, kind: ValueKind, name: String, bounds: Bounds? = nil) throws {
        guard let (value, unit, span) = Self.literal(e) else { return }
        let shown = Format.number(value)
        switch (kind, unit) {
        case (.rate, nil) where abs(value) >= 1:
            // The unit under which the value fits the option's range: `slippage 5` (at
            // most 1%) meant 5bp.
            let bp = bounds.map { !$0.contains(value / 100) && $0.contains(value / 10_000) } ?? false
            throw TapeError("\(name) needs a unit: \(shown) would be \(Format.number(value * 100))%", span: span,
                            hint: "did you mean \(shown)\(bp ? "bp" : "%")?")
        case (.rate, let u?) where u != .percent && u != .basisPoints,
             (.number, let u?) where u != .percent && u != .basisPoints,
             (.priceOffset, let u?) where u != .percent && u != .basisPoints:
            throw TapeError("\(name) is \(kind == .rate ? "a rate" : kind == .priceOffset ? "a percentage or a price amount" : "a number"), not a duration",
                            span: span, hint: kind == .number ? "write \(name) \(shown)" : "e.g. \(name) \(shown)%")
        case (.money, let u?):
            throw TapeError("\(name) is a price or amount, not \(Self.describe(u))", span: span, hint: "write \(name) \(shown)")
        case (.count, let u?):
            throw TapeError("\(name) is a plain whole number, not \(Self.describe(u))", span: span, hint: "write \(name) \(shown)")
        case (.duration, nil):
            throw TapeError("\(name) needs a unit: 30d, 6m, 0.5y", span: span,
                            hint: "did you mean \(shown)d?")
        case (.duration, let u?) where u == .percent || u == .basisPoints:
            throw TapeError("\(name) is a duration, not \(Self.describe(u))", span: span, hint: "e.g. \(name) 30d, 6m or 1y")
        default:
            return
        }
    }

    static func describe(_ u: NumberUnit) -> String {
        switch u {
        case .percent: return "a percentage"
        case .basisPoints: return "basis points"
        default: return "a duration"
        }
    }

    /// A number literal, with a leading minus folded in.
    static func literal(_ e: Expr) -> (Double, NumberUnit?, Span)? {
        switch e {
        case .number(let v, let u, let s): return (v, u, s)
        case .unary("-", .number(let v, let u, _), let s): return (-v, u, s)
        default: return nil
        }
    }

    func checkBounds(_ x: Double, _ bounds: Bounds?, kind: ValueKind, name: String, span: Span) throws {
        guard !x.isNaN else { throw TapeError("\(name) must be a number, got nan", span: span) }
        guard let bounds, !bounds.contains(x) else { return }
        throw TapeError("\(name) must be \(bounds.describe(show(kind)))", span: span,
                        hint: "got \(show(kind)(x))")
    }

    func show(_ kind: ValueKind) -> (Double) -> String {
        switch kind {
        case .rate: return { Format.number($0 * 100) + "%" }
        case .duration: return { Format.number($0) + " days" }
        default: return { Format.number($0) }
        }
    }
}
