import Foundation
import TapeShellTestSupport
import TapeTestSupport
import XCTest
@testable import TapeShell

/// The model commands at the prompt: completion from the declarations, the feature
/// help, the store round trip, and a replay loading exactly the model its header names.
final class ModelCommandsTests: XCTestCase {
    var dir: TempDir!
    var saved: String?

    override func setUpWithError() throws {
        dir = try TempDir()
        saved = ProcessInfo.processInfo.environment["XDG_DATA_HOME"]
        setenv("XDG_DATA_HOME", dir.path + "/data", 1)
    }

    override func tearDown() {
        if let saved { setenv("XDG_DATA_HOME", saved, 1) } else { unsetenv("XDG_DATA_HOME") }
        dir.remove()
    }

    func testCompletionComesFromTheDeclarations() {
        let t = Transcript()
        XCTAssertEqual(t.complete("model ").sorted(), ["chart", "fit", "importance", "list", "load", "predict", "save", "show", "validate"])
        XCTAssertEqual(t.complete("model fit m kind ").sorted(), ["ensemble", "forest", "linear", "logistic", "svm", "xgboost"])
        XCTAssertTrue(t.complete("features SPY set ").contains("volatility"))
    }

    func testFeatureHelp() {
        let t = Transcript()
        let one = t("help feature vol_yz_20")
        XCTAssertEqual(one.first, "feature vol_yz_20 (volatility)")
        XCTAssertTrue(one.contains("  uses its bar and earlier bars only (tested: Tests/TapeModelsTests/FeatureCatalogueTests)"), "\(one)")
        let leaky = t("help feature sma_10_centred")
        XCTAssertTrue(leaky.contains("  LOOKS AHEAD: its value at a bar uses later bars (docs/MODELS.md)"), "\(leaky)")
        let all = t("help feature")
        XCTAssertTrue(all.first?.hasPrefix("161 features;") ?? false, "\(all)")
    }

    /// `model save` keeps the model in the store and `model load` brings the very bytes
    /// back (the hash printed by both is the same); a model never saved is an error.
    func testStoreRoundTrip() {
        let t = Transcript(session: .script(.commandLine))
        XCTAssertEqual(t("load SPY").count, 1)
        _ = t("model fit m kind logistic on SPY set core label sign horizon 5")
        let save = t("model save m")
        XCTAssertTrue(save.first?.hasPrefix("saved model m to the store: sha256 ") ?? false, "\(save)")
        let hash = save.first.map { String($0.split(separator: " ")[7].prefix(12)) } ?? ""
        let before = t("model predict m last 3")
        _ = t("model fit m kind logistic on SPY set core label sign horizon 5 c 0.001")
        XCTAssertNotEqual(t("model predict m last 3"), before)
        let load = t("model load m")
        XCTAssertTrue(load.first?.hasPrefix("loaded model m: logistic on 26 features, label sign horizon 5, sha256 \(hash)") ?? false, "\(load) \(hash)")
        XCTAssertEqual(t("model predict m last 3"), before, "the saved model is back, predicting as before")
        XCTAssertEqual(t("model load nosuch"), ["error: no model named 'nosuch' in the store — save one first: model save nosuch",
                                                "  model load nosuch", "             ^^^^^^"])
    }

    /// A recorded session names the hash of the model it loaded; a replay loads those
    /// bytes even after another model was saved under the same name.
    func testReplayLoadsTheModelItsHeaderNames() throws {
        let setup = Transcript(session: .interactive(seed: 7, terminal: .none))
        _ = setup("load SPY")
        _ = setup("model fit m kind logistic on SPY set core label sign horizon 5")
        _ = setup("model save m")

        let out = CapturedOutput()
        let session = Session.interactive(seed: 8, terminal: .none)
        try FileManager.default.createDirectory(atPath: dir.path + "/sessions", withIntermediateDirectories: true)
        session.recorder = try SessionRecorder.create(in: dir.path + "/sessions", seed: session.seed, clock: session.clock)
        let shell = Shell(output: out, session: session)
        var live: [String] = []
        for line in ["load SPY", "model load m", "model predict m last 3"] {
            XCTAssertEqual(shell.run(line: line), .ok, "\(line): \(out.lines)")
            live += out.take()
        }
        let path = try XCTUnwrap(session.recorder?.path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("# model: m sha256:"), text)

        let later = Transcript(session: .interactive(seed: 9, terminal: .none))
        _ = later("load SPY")
        _ = later("model fit m kind logistic on SPY set core label sign horizon 5 c 0.001")
        XCTAssertTrue(later("model save m").first?.hasPrefix("saved model m") ?? false)

        let replay = CapturedOutput()
        XCTAssertTrue(SessionRunner.runFiles([path], options: SessionRunner.Options(), output: replay), "\(replay.lines)")
        XCTAssertEqual(replay.lines, live, "the replay loaded the model the recording loaded, not the latest")
    }
}
