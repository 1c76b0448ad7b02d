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
