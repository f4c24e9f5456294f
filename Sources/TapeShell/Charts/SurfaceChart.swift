/// The implied-volatility surface: volatility over strike and time to expiry, drawn as
/// a coloured 3-D mesh (`splot ... with pm3d`).
public struct SurfaceChart: Sendable, Equatable {
    public var title: String
    public var strikes: [Double]
    /// Days to expiry, one per row of `vols`.
    public var expiries: [Double]
    /// vols[expiry][strike] as fractions; NaN where no quote exists (that patch is left
    /// open).
    public var vols: [[Double]]

    public init(title: String, strikes: [Double], expiries: [Double], vols: [[Double]]) {
        self.title = title
        self.strikes = strikes
        self.expiries = expiries
        self.vols = vols
    }

    func draw(into s: inout GnuplotScript) throws {
        guard strikes.count >= 2, expiries.count >= 2 else {
            throw ChartError.badData(chart: "surface", reason: "needs at least two strikes and two expiries")
        }
        guard vols.count == expiries.count, vols.allSatisfy({ $0.count == strikes.count }) else {
            throw ChartError.badData(chart: "surface", reason: "volatilities must be \(expiries.count) rows (expiries) of \(strikes.count) values (strikes)")
        }
        let block = s.gridblock(outer: expiries.count, inner: strikes.count) { e, k in
            (strikes[k], expiries[e], vols[e][k] * 100)
        }
        s.title(title)
        s.add("set xlabel 'strike'")
        s.add("set ylabel 'days to expiry'")
        s.add("set zlabel 'IV (%)' rotate parallel")
        s.add("set cblabel 'IV (%)'")
        s.add("set palette defined \(ChartTheme.sequential)")
        s.add("set view 60, 35")
        s.add("set xyplane relative 0")
        s.add("set pm3d depthorder border lc rgb '\(s.canvas.theme.grid)' lw 0.5")
        s.add("set key off")
        s.add("splot \(block) using 1:2:3 with pm3d notitle")
    }
}
