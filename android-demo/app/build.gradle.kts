// The Android app: Compose screens that render the presentation models, the
// Android Keystore device key, notifications and auto-lock. Everything else is the core.
plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
    id("org.jetbrains.kotlin.plugin.compose")
}

android {
    namespace = "app.respite.demo"
    compileSdk = 35

    defaultConfig {
        applicationId = "app.respite.demo"
        // 26: the bindings pass timestamps as java.time.Instant, which needs API 26
        // (no core-library desugaring); Keystore AES-GCM keys need 23 anyway.
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        ndk {
            // The slices bindings/build-android.sh builds.
            abiFilters += listOf("arm64-v8a", "x86_64")
        }
    }

    sourceSets["main"].jniLibs.srcDir(rootProject.layout.projectDirectory.dir("build/generated/respite/jniLibs"))

    buildTypes {
        release {
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions {
        jvmTarget = "17"
    }
    buildFeatures {
        compose = true
    }
    packaging {
        // The library is stripped by build-android.sh and aligned for 16 KB pages.
        jniLibs.useLegacyPackaging = false
    }
}

dependencies {
    implementation(project(":presentation"))
    // JNA with its Android native parts: the @aar, not the desktop jar.
    implementation("net.java.dev.jna:jna:5.17.0@aar")

    implementation(platform("androidx.compose:compose-bom:2024.12.01"))
    implementation("androidx.compose.material3:material3")
    implementation("androidx.compose.ui:ui")
    implementation("androidx.compose.material:material-icons-core")
    implementation("androidx.core:core-ktx:1.15.0")
    implementation("androidx.activity:activity-compose:1.9.3")
    implementation("androidx.fragment:fragment-ktx:1.8.5")
    implementation("androidx.biometric:biometric:1.1.0")
    implementation("androidx.lifecycle:lifecycle-process:2.8.7")
    implementation("androidx.work:work-runtime-ktx:2.10.0")
}
