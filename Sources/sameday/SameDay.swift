// The `sameday` command line. Every subcommand reports bad input as one line on standard error and exit status 2.

import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

@main
struct SameDay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sameday",
        abstract: "SameDay: delivery promises, orders and packing for a regionalized retail network.",
        subcommands: [
            PromiseCommand.self, NetworkCommand.self, PackCommand.self, ServeCommand.self, CheckCommand.self,
            KeysCommand.self, OpenAPICommand.self, SimulateCommand.self, CatalogCommand.self,
        ]
    )

    static func main() async {
        // Swift concurrency's jobs run on NIO's event-loop threads: a request's handler and its socket share a
        // thread instead of hopping between NIO's threads and the default pool on every read and write.
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            StandardError.line("sameday: \(failure)")
            Foundation.exit(2)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            StandardError.line("sameday: " + message(for: error))
            Foundation.exit(2)
        }
    }
}
