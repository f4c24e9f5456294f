import ArgumentParser
import TapeShell

TapeCommand.main()
