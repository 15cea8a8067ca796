import Foundation
import Linalg
import LuaHost
import STZ

/// The Lua userdata type of finished runs, `stz.Run`.
let runType = UserdataType<STZRun>(
    name: "stz.Run", noun: "STZ run",
    methods: [
        NativeFunction(
            "field",
            doc: """
                run:field(name, frame) -> matrix

                The field name (see stz.fields) at frame number frame (0 is the initial state, as
                in the reference's file names FIELD.0 ... FIELD.100); rows are y, columns x.
                """
        ) { call in
            let run = try call.value(1, runType)
            let name = try call.string(2)
            guard let field = OutputField(rawValue: name) else {
                throw ArgumentError(2, "unknown field '\(name)'; fields: " + OutputField.allCases.map(\.rawValue).joined(separator: " "))
            }
            guard run.selection.contains(field) else { throw ArgumentError(2, "field '\(name)' was not kept (see the fields option)") }
            let frame = try call.integer(3)
            guard let record = run.frames.first(where: { $0.frame == frame }), let matrix = record[field] else {
                throw ArgumentError(3, "frame \(frame) out of range 0..\((run.frames.last?.frame ?? 0))")
            }
            return call.returning(matrix)
        },
        NativeFunction("frames", doc: "run:frames() -> n\n\nThe number of frames recorded (frame 0 included).") { call in
            call.returning(try call.value(1, runType).frames.count)
        },
        NativeFunction("gamma", doc: "run:gamma() -> vector\n\nThe global shear strain of every recorded frame.") { call in
            call.returning(Matrix(column: try call.value(1, runType).gamma))
        },
        NativeFunction(
            "mean_tau",
            doc: "run:mean_tau([unit]) -> vector\n\nThe mean shear stress of every frame, in units of s_y (default) or \"GPa\"."
        ) { call in
            let run = try call.value(1, runType)
            let unit = try call.choice(2, from: ["s_y", "GPa"], default: "s_y")
            return call.returning(Matrix(column: unit == "GPa" ? run.meanTauGPa : run.meanTau))
        },
        NativeFunction(
            "stress_strain", doc: "run:stress_strain() -> gamma, tau\n\nThe macroscopic stress-strain curve, tau in GPa."
        ) { call in
            let run = try call.value(1, runType)
            return call.returning(Matrix(column: run.gamma), Matrix(column: run.meanTauGPa))
        },
        NativeFunction("parameters", doc: "run:parameters() -> table\n\nThe parameters the run used (names as stz.run's options).") { call in
            call.returning(STZParameterTable.values(try call.value(1, runType).parameters))
        },
        NativeFunction(
            "timings",
            doc: "run:timings() -> table\n\nWall time in seconds: total, projection, explicit_step, plasticity, output."
        ) { call in
            let t = try call.value(1, runType).timings
            return call.returning([
                "total": t.total, "projection": t.projection, "explicit_step": t.explicitStep, "plasticity": t.plasticity,
                "output": t.output,
            ])
        },
        NativeFunction("stopped_early", doc: "run:stopped_early() -> boolean\n\nWhether on_frame stopped the run.") { call in
            call.returning(try call.value(1, runType).stoppedEarly)
        },
        NativeFunction(
            "write_gnuplot",
            doc: "run:write_gnuplot(folder)\n\nWrites every field of every frame as folder/FIELD.N in the reference's Gnuplot binary layout."
        ) { call in
            try call.value(1, runType).writeGnuplot(directory: try call.string(2))
            return 0
        },
        NativeFunction(
            "write_npz",
            doc: """
                run:write_npz(path)

                Writes the run as an .npz archive: gamma, mean_tau, and each field as an array of
                shape (frames, ny, nx) (numpy.load(path)["tau"][k] is frame k).
                """
        ) { call in
            try call.value(1, runType).writeNPZ(path: try call.string(2))
            return 0
        },
    ],
    metamethods: [
        NativeFunction("__tostring") { call in
            let run = try call.value(1, runType)
            let tau = run.meanTauGPa
            let peak = tau.indices.max { tau[$0] < tau[$1] } ?? 0
            return call.returning(String(
                format: "STZ run: %d frames to gamma %.3g, peak mean stress %.4g GPa at gamma %.3g, %.2f s%@",
                run.frames.count, run.gamma.last ?? 0, tau.isEmpty ? 0 : tau[peak], run.gamma.isEmpty ? 0 : run.gamma[peak],
                run.timings.total, run.stoppedEarly ? " (stopped early)" : ""))
        },
        NativeFunction("__summary") { call in
            let run = try call.value(1, runType)
            return call.returning("\(run.frames.count) frames, \(run.grid.ny)x\(run.grid.nx) grid")
        },
    ])
