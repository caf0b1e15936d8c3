// swift-tools-version:5.9
// The Rust core as a Swift package: the generated Swift bindings over the static
// library in RespiteCoreFFI.xcframework (device and simulator slices). Both are build
// output of ../../bindings/build-ios.sh and are not committed.
import PackageDescription

let package = Package(
    name: "RespiteCore",
    // iOS 16: Swift Charts, used by the demo's trends screen.
    platforms: [.iOS(.v16)],
    products: [
        .library(name: "RespiteCore", targets: ["RespiteCore"]),
    ],
    targets: [
        .binaryTarget(name: "RespiteCoreFFI", path: "RespiteCoreFFI.xcframework"),
        .target(
            name: "RespiteCore", dependencies: ["RespiteCoreFFI"], path: "Sources/RespiteCore",
            exclude: ["README.md"]),
    ]
)
