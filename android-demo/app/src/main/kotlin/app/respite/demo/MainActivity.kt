package app.respite.demo

import android.os.Bundle
import android.view.WindowManager
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.fragment.app.FragmentActivity
import app.respite.demo.ui.RespiteApp
import app.respite.demo.ui.RespiteTheme

/**
 * The one activity. A FragmentActivity because BiometricPrompt needs one. FLAG_SECURE
 * keeps every screen out of screenshots, screen recording and the recent-apps preview.
 */
class MainActivity : FragmentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        // Draw behind the system bars; the screens pad themselves by the insets.
        enableEdgeToEdge()
        super.onCreate(savedInstanceState)
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        val session = (application as RespiteApplication).session
        session.attach(this)
        setContent { RespiteTheme { RespiteApp(session) } }
    }
}
