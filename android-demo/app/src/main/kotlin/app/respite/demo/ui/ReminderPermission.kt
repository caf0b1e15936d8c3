package app.respite.demo.ui

import android.Manifest
import android.content.pm.PackageManager
import android.os.Build
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.platform.LocalContext
import androidx.core.content.ContextCompat

/**
 * Android 13+ asks before an app may notify. Shown where reminders matter (Today and
 * Settings) while they are not allowed; a refusal is said plainly, with where to
 * change it, and nothing presses again.
 */
@Composable
fun ReminderPermission() {
    if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU) return
    val context = LocalContext.current
    var allowed by remember {
        mutableStateOf(ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED)
    }
    var refused by remember { mutableStateOf(false) }
    val ask = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { granted ->
        allowed = granted
        refused = !granted
    }
    when {
        allowed -> {}
        refused -> Text("Reminders stay off. If you want them later, allow notifications for Respite in the phone's settings.")
        else -> TextButton(onClick = { ask.launch(Manifest.permission.POST_NOTIFICATIONS) }) {
            Text("Allow gentle reminders (they never show what you wrote)")
        }
    }
}
