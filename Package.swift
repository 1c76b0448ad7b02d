// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "SameDay",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SameDayCore", targets: ["SameDayCore"]),
        .executable(name: "sameday", targets: ["sameday"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .target(
            name: "SameDayStore",
            dependencies: [
                "SameDayCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .testTarget(
            name: "SameDayStoreTests",
            dependencies: ["SameDayStore", "SameDayTestSupport"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .target(
            name: "SameDayTestSupport",
            dependencies: ["SameDayCore"],
            path: "Tests/SameDayTestSupport"
        ),
        .testTarget(
            name: "SameDayCoreTests",
            dependencies: ["SameDayCore", "SameDayTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
