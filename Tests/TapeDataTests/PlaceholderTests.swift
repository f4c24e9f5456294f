import XCTest
@testable import TapeData
