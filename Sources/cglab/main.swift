import Foundation
import LuaHost
import Modules

// cglab: lua.c-compatible command line, script runner and REPL (see Invocation.usage).

BLASKernels.restartWithPreferredKernelsIfNeeded()
LuaInterrupt.install()

let invocation: Invocation
do {
    invocation = try Invocation(CommandLine.arguments)
} catch {
    Session.printError(error.message)
    fputs(Invocation.usage + "\n", stderr)
    exit(EXIT_FAILURE)
}

if invocation.showHelp {
    print(Invocation.usage)
    exit(EXIT_SUCCESS)
}
if invocation.showVersion { print(Session.banner) }

let session: Session
do {
    session = try Session(ignoreEnvironment: invocation.ignoreEnvironment)
} catch {
    Session.printError("cannot start: \(error.message)")
    exit(EXIT_FAILURE)
}

/// Runs everything the command line asks for, in lua.c's order; `false` on the first failure.
func runInvocation() -> Bool {
    session.createArgumentTable(invocation.arguments, scriptIndex: invocation.scriptIndex)
    if !invocation.ignoreEnvironment && !session.runInitCode() { return false }
    for action in invocation.actions {
        switch action {
        case .execute(let source):
            if !session.runChunk(source, name: "=(command line)") { return false }
        case .require(let global, let module):
            if !session.requireLibrary(global: global, module: module) { return false }
        case .warnings:
            session.enableWarnings()
        }
    }
    if let notebook = invocation.notebook {
        if !session.runNotebook(notebook, output: invocation.outputFolder) { return false }
    } else if let script = invocation.script {
        let arguments = Array(invocation.arguments[(invocation.scriptIndex + 1)...])
        if !session.runFile(invocation.scriptIsStandardInput ? nil : script, arguments: arguments) { return false }
    }
    let interactive = isatty(STDIN_FILENO) != 0
    if invocation.interactive {
        startRepl(terminal: interactive)
    } else if invocation.script == nil && !invocation.hasExecute && !invocation.showVersion {
        if interactive {
            print(Session.banner)
            startRepl(terminal: true)
        } else {
            return session.runFile(nil)
        }
    }
    return true
}

/// Runs the REPL, with readline on a terminal.
func startRepl(terminal: Bool) {
    let editor: LineEditor
    if terminal {
        Completion.install(for: session.lua)
        editor = ReadlineEditor(history: HistoryFile.standard())
    } else {
        editor = PlainLineEditor()
    }
    Repl(session: session, editor: editor).run()
}

exit(runInvocation() ? EXIT_SUCCESS : EXIT_FAILURE)
