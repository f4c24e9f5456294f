/// A stream over a bar-by-bar state struct: the batch kernels run the same struct.
final class StateStream<State>: IndicatorStream {
    var state: State
    let step: (inout State, [Double]) -> [Double]

    init(_ state: State, _ step: @escaping (inout State, [Double]) -> [Double]) {
        self.state = state
        self.step = step
    }

    func push(_ inputs: [Double]) -> [Double] { step(&state, inputs) }
}
