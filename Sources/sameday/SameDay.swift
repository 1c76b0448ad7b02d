// The `sameday` command line.

import ArgumentParser

@main
struct SameDay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sameday",
        abstract: "SameDay: delivery promises, orders and packing for a regionalized retail network.",
        subcommands: []
    )
}
