// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "SameDay",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SameDayCore", targets: ["SameDayCore"]),
        .library(name: "SameDayStore", targets: ["SameDayStore"]),
        .executable(name: "sameday", targets: ["sameday"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "SameDayCore",
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "sameday",
            dependencies: [
                "SameDayCore",
                "SameDayStore",
                "SameDayServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .target(
            name: "SameDayStore",
            dependencies: [
                "SameDayCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the import's prepared statements (`SQLiteImport`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .testTarget(
            name: "SameDayStoreTests",
            dependencies: [
                "SameDayStore", "SameDayTestSupport",
                // The v6 migration test builds a pre-v6 database by hand.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .target(
            name: "SameDayTestSupport",
            dependencies: ["SameDayCore"],
            path: "Tests/SameDayTestSupport"
        ),
        .target(
            name: "SameDayServer",
            dependencies: [
                "SameDayCore",
                "SameDayStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                // The webhook client (Webhooks/WebhookClient.swift): already built for Hummingbird and PostgresNIO.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .testTarget(
            name: "SameDayServerTests",
            dependencies: [
                "SameDayServer",
                "SameDayStore",
                "SameDayTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .testTarget(
            name: "SameDayCoreTests",
            dependencies: ["SameDayCore", "SameDayTestSupport"]
        ),
        .testTarget(
            name: "SameDayCLITests",
            dependencies: ["sameday", "SameDayCore", "SameDayStore", "SameDayTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
