import TapeCore

/// The indicator catalogue (TapeCore) exposed as functions of the language.
///
/// Calling convention: series inputs first (`rsi(close, 14)`, `correl(close, QQQ.close, 20)`),
/// then parameters by position or name (`bbands(close, period=20, up=2, down=2)`).
/// Inputs such as high, low and volume come from the dataset in context, so `atr(14)`
/// uses the current dataset and `QQQ.atr(14)` QQQ's. With a single series input the
/// series may be left out and defaults to `close` (`rsi(14)`).
enum IndicatorFunctions {
    static var all: [FunctionSpec] {
        IndicatorCatalogue.all.map { spec in
            FunctionSpec(name: spec.name, usage: usage(spec), summary: spec.summary, group: spec.group) { c in
                try evaluate(spec, c)
            }
        }
    }

    static func usage(_ spec: IndicatorSpec) -> String {
        let parts = spec.seriesInputs + spec.params.map { "\($0.name)=\(Format.number($0.defaultValue))" }
        return "\(spec.name)(\(parts.joined(separator: ", ")))"
    }

    static func evaluate(_ spec: IndicatorSpec, _ c: FunctionCall) throws -> Value {
        // An element-wise transform of a plain number (`sqrt(174)`, `exp(1)`): TA-Lib's math
        // transforms took over the names of the language's scalar functions, and keep
        // their scalar use.
        let convention = c.evaluator.workspace.convention
        if spec.params.isEmpty, spec.inputs.count == 1, case .series = spec.inputs[0], c.args.count == 1,
           let only = c.positional.first, case .number(let x) = only.value, spec.lookback([], convention) == 0 {
            return .number(spec.compute([[x]], [], convention).first?.first ?? .nan)
        }
        var positional = c.positional
        let seriesNames = spec.seriesInputs
        var seriesArgs: [Series] = []
        for (k, inputName) in seriesNames.enumerated() {
            if let labelled = c.labelled(inputName) {
                guard case .series(let s) = labelled.value else {
                    throw TapeError("\(spec.name): \(inputName) must be a series, got \(labelled.value.typeName)", span: labelled.span)
                }
                seriesArgs.append(s)
                continue
            }
            if let first = positional.first, case .series(let s) = first.value {
                seriesArgs.append(s)
                positional.removeFirst()
                continue
            }
            if seriesNames.count == 1, let d = c.dataset, let close = d.column("close") {
                seriesArgs.append(close)    // rsi(14) means rsi(close, 14)
                continue
            }
            let got = positional.first.map { "got \($0.value.typeName)" } ?? "none given"
            throw TapeError("\(spec.name): argument \(k + 1) (\(inputName)) must be a series, \(got)",
                            span: positional.first?.span ?? c.span, hint: "usage: \(usage(spec))")
        }
        var numbers: [Double] = []
        for a in positional {
            switch a.value {
            case .number(let x): numbers.append(x)
            case .bool(let b): numbers.append(b ? 1 : 0)
            default:
                throw TapeError("\(spec.name): expected a number for a parameter, got \(a.value.typeName)", span: a.span,
                                hint: "usage: \(usage(spec))")
            }
        }
        var keyword: [String: Double] = [:]
        for a in c.args {
            guard let l = a.label, !seriesNames.contains(l) else { continue }
            switch a.value {
            case .number(let x): keyword[l] = x
            case .bool(let b): keyword[l] = b ? 1 : 0
            default: throw TapeError("\(spec.name): \(l) must be a number, got \(a.value.typeName)", span: a.span)
            }
        }
        let params: [Double]
        do {
            params = try IndicatorCatalogue.resolve(spec, positional: numbers, keyword: keyword)
        } catch {
            throw TapeError(String(describing: error), span: c.span, hint: "usage: \(usage(spec))")
        }
        // Everything runs on one axis: the dataset's when the indicator reads its bars,
        // else the first series argument's.
        let needsBars = spec.inputs.contains { if case .series = $0 { return false }; return true }
        let axis: TimeAxis
        if needsBars {
            guard let d = c.dataset else {
                throw TapeError("\(spec.name) reads \(spec.inputs.map(\.name).joined(separator: ", ")) from a dataset, and none is loaded",
                                span: c.span, hint: "try: load SPY")
            }
            axis = d.axis
        } else {
            guard let first = seriesArgs.first else { throw TapeError("\(spec.name): no input series", span: c.span) }
            axis = first.axis
        }
        var seriesIterator = seriesArgs.makeIterator()
        var inputs: [[Double]] = []
        for input in spec.inputs {
            switch input {
            case .series:
                guard let s = seriesIterator.next() else { throw TapeError("\(spec.name): missing series input", span: c.span) }
                inputs.append(Align.values(s.values, from: s.axis, to: axis))
            case .time:
                inputs.append(axis.time.map { Double($0) })
            default:
                guard let d = c.dataset, let col = d.column(input.name) else {
                    throw TapeError("\(spec.name): the dataset has no \(input.name) column", span: c.span)
                }
                inputs.append(Align.values(col.values, from: col.axis, to: axis))
            }
        }
        let outputs = spec.compute(inputs, params, convention)
        let label = "\(spec.name)(" + (seriesArgs.map(\.name) + spec.labelParams(params).map(Format.number)).joined(separator: ", ") + ")"
        if outputs.count == 1, let only = outputs.first {
            return .series(Series(axis: axis, values: only, name: label))
        }
        return .multi(MultiSeries(axis: axis, names: spec.outputs, columns: outputs, name: label))
    }
}
