package app.respite.demo

import android.app.Application
import androidx.lifecycle.ProcessLifecycleOwner

/** Holds the one [Session] of the process and wires it to the app's lifecycle. */
class RespiteApplication : Application() {
    /** The vault session shared by every screen. */
    lateinit var session: Session
        private set

    override fun onCreate() {
        super.onCreate()
        PromptNotifications.createChannel(this)
        session = Session(this)
        // Backups and exports left from an earlier run are not kept.
        session.shareFolder.deleteRecursively()
        // Auto-lock follows the whole app going to the background, not single screens.
        ProcessLifecycleOwner.get().lifecycle.addObserver(session)
    }
}
