/// The command line, parsed as lua.c 5.4 parses it, plus cglab's long options.
struct Invocation {
    /// One `-e`, `-l` or `-W` option, run in command-line order.
    enum Action: Equatable {
        /// `-e stat`: run a chunk.
        case execute(String)
        /// `-l mod` or `-l g=mod`: `global = require(module)`.
        case require(global: String, module: String)
        /// `-W`: turn warnings on.
        case warnings
    }

    /// Everything the options asked for.
    var actions: [Action] = []
    /// `-i`: enter the REPL after the script.
    var interactive = false
    /// `-v` (or `-i`): print the version banner.
    var showVersion = false
    /// `-E`: ignore environment variables.
    var ignoreEnvironment = false
    /// `-e` was given (so no REPL by default).
    var hasExecute = false
    /// `--help`: print the usage text and exit.
    var showHelp = false
    /// `--notebook file`: the notebook to run (it takes the script's place).
    var notebook: String?
    /// `--output folder`: where the notebook's documents go.
    var outputFolder: String?
    /// The index in `arguments` of the script name, or `arguments.count` when there is none.
    var scriptIndex: Int
    /// All arguments, the program name first (with a notebook's `--output` options moved in
    /// front of `--notebook`, so that what follows the notebook is its arguments).
    private(set) var arguments: [String]

    /// The script name when there is one (`-` means standard input unless after `--`).
    var script: String? { scriptIndex < arguments.count ? arguments[scriptIndex] : nil }

    /// `true` when the script is standard input (`-` not preceded by `--`).
    var scriptIsStandardInput: Bool {
        script == "-" && arguments[scriptIndex - 1] != "--"
    }

    /// A usage error: the message to print before the usage text.
    struct UsageError: Error {
        let message: String
    }

    /// Parses `arguments` (program name first) like lua.c's `collectargs`.
    init(_ arguments: [String]) throws(UsageError) {
        var arguments = arguments
        self.arguments = arguments
        defer { self.arguments = arguments }
        scriptIndex = arguments.count
        var i = 1
        parsing: while i < arguments.count {
            let argument = arguments[i]
            guard argument.hasPrefix("-") else {
                scriptIndex = i
                break parsing
            }
            switch argument {
            case "--notebook":
                guard i + 1 < arguments.count else { throw UsageError(message: "'--notebook' needs argument") }
                notebook = arguments[i + 1]
                while i + 2 < arguments.count, arguments[i + 2] == "--output" {
                    guard i + 3 < arguments.count else { throw UsageError(message: "'--output' needs argument") }
                    outputFolder = arguments[i + 3]
                    // Move "--output folder" in front of "--notebook file": what follows is arg.
                    let moved = Array(arguments[i + 2...i + 3])
                    arguments.removeSubrange(i + 2...i + 3)
                    arguments.insert(contentsOf: moved, at: i)
                    i += 2
                }
                scriptIndex = i + 1
                break parsing
            case "--output":
                guard i + 1 < arguments.count else { throw UsageError(message: "'--output' needs argument") }
                outputFolder = arguments[i + 1]
                i += 1
            case "--":
                scriptIndex = i + 1
                break parsing
            case "-":
                scriptIndex = i
                break parsing
            case "--help", "-h":
                showHelp = true
            case "--version":
                showVersion = true
            case "-E":
                ignoreEnvironment = true
            case "-W":
                actions.append(.warnings)
            case "-i":
                interactive = true
                showVersion = true
            case "-v":
                showVersion = true
            default:
                let option = argument.dropFirst().first
                guard option == "e" || option == "l" else {
                    throw UsageError(message: "unrecognized option '\(argument)'")
                }
                var value = String(argument.dropFirst(2))
                if value.isEmpty {
                    i += 1
                    guard i < arguments.count, !arguments[i].hasPrefix("-") else {
                        throw UsageError(message: "'\(argument)' needs argument")
                    }
                    value = arguments[i]
                }
                if option == "e" {
                    hasExecute = true
                    actions.append(.execute(value))
                } else if let equals = value.firstIndex(of: "=") {
                    actions.append(.require(global: String(value[..<equals]), module: String(value[value.index(after: equals)...])))
                } else {
                    actions.append(.require(global: value, module: value))
                }
            }
            i += 1
        }
        if outputFolder != nil && notebook == nil { throw UsageError(message: "'--output' is an option of '--notebook'") }
    }

    /// The usage text (`cglab --help`).
    static let usage = """
        usage: cglab [options] [script [args]]
               cglab [options] --notebook file [--output folder] [args]

        cglab is a Lua 5.4 interpreter with native modules for multiscale calibration:
        linear algebra, Grassmann manifolds, Gaussian processes, optimisation, the STZ
        plasticity solver and Onsager dynamics. Without a script it starts the REPL when
        standard input is a terminal, and otherwise runs standard input as a script.

        Options (as in lua 5.4):
          -e stat   execute string 'stat'
          -i        enter interactive mode after executing 'script'
          -l mod    require library 'mod' into global 'mod'
          -l g=mod  require library 'mod' into global 'g'
          -v        show version information
          -E        ignore environment variables (LUA_INIT, LUA_PATH, LUA_CPATH)
          -W        turn warnings on
          --        stop handling options
          -         stop handling options and execute stdin
          -h, --help     show this text
          --version      show version information

        Notebooks:
          --notebook file   run a notebook: Markdown whose ```lua blocks are cells, or a Lua
                            script with '-- %%' cell markers. Each cell's output and figures are
                            written back into the document (a .md file is updated in place; a
                            .lua script gets a .md beside it) and into a Jupyter notebook
                            (.ipynb); figures go to <name>_files/. The first failing cell stops
                            the run with its number and a non-zero exit status.
          --output folder   write the notebook's documents and figures there instead

        The script (or notebook) receives its arguments in the table 'arg' (arg[0] is its
        name); a script also gets them as '...'. Options run in order before it, so
        'cglab -e "budget = 10" --notebook run.md' sets a global the notebook can read.

        Environment:
          LUA_INIT_5_4, LUA_INIT   code to run first, or '@file' to run a file
          LUA_PATH, LUA_CPATH      module search paths (';;' is the default path)
          CGLAB_STDLIB             folder of cglab's Lua library (default: found beside the program)
          CGLAB_HISTFILE           REPL history file (default ~/.cglab_history; empty: none)
          NO_COLOR                 no colour in the REPL
          CGLAB_PLOT_TERMINAL      how fig:show() draws: auto, kitty, sixel or text

        In the REPL, :help lists the commands and ?name shows the documentation of a function.
        """
}
