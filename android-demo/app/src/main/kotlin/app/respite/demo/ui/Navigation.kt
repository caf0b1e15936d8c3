package app.respite.demo.ui

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.consumeWindowInsets
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.text.selection.SelectionContainer
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.DateRange
import androidx.compose.material.icons.filled.Favorite
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.List
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Icon
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.platform.LocalContext
import app.respite.core.Vault
import app.respite.demo.PromptNotifications
import app.respite.demo.Session
import app.respite.demo.presentation.UnlockState
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** Where the app is. */
sealed interface Route {
    data object Today : Route
    data object AfterSession : Route
    data object CheckIn : Route
    data object Transition : Route
    data object Evening : Route
    data object Journal : Route
    data class Entry(val id: String) : Route
    data object NewEntry : Route
    data object Plan : Route
    data object EmergencyCard : Route
    data object Trends : Route
    data object Settings : Route
}

private data class Tab(val route: Route, val label: String, val icon: ImageVector)

private val tabs = listOf(
    Tab(Route.Today, "Today", Icons.Filled.Home),
    Tab(Route.Journal, "Journal", Icons.Filled.List),
    Tab(Route.Plan, "Plan", Icons.Filled.Favorite),
    Tab(Route.Trends, "Trends", Icons.Filled.DateRange),
    Tab(Route.Settings, "Settings", Icons.Filled.Settings),
)

/** The whole app: the unlock screen until the vault is open, then the tabs. */
@Composable
fun RespiteApp(session: Session) {
    when (val state = session.state) {
        is UnlockState.Unlocked -> UnlockedApp(session, state.vault)
        else -> UnlockScreen(session, state)
    }
    session.recoveryCodeToShow?.let { code ->
        AlertDialog(
            onDismissRequest = {},
            confirmButton = { TextButton(onClick = { session.recoveryCodeToShow = null }) { Text("I have written it down") } },
            title = { Text("Your recovery code") },
            text = {
                SelectionContainer {
                    Text("$code\n\nIf you forget your passphrase, this code opens your vault. It is shown only now. Keep it somewhere safe, away from this phone.")
                }
            },
        )
    }
}

@Composable
private fun UnlockedApp(session: Session, vault: Vault) {
    val stack = remember(vault) { mutableStateListOf<Route>(Route.Today) }
    val context = LocalContext.current
    LaunchedEffect(vault) {
        withContext(Dispatchers.IO) { runCatching { PromptNotifications.sync(context, vault, session.clock) } }
    }
    BackHandler(enabled = stack.size > 1) { stack.removeAt(stack.lastIndex) }
    val go: (Route) -> Unit = { stack.add(it) }
    val done: () -> Unit = { if (stack.size > 1) stack.removeAt(stack.lastIndex) }
    Scaffold(
        // A failed integrity check opens the vault read-only: say so above every tab.
        topBar = { session.integrityWarning?.let { Text(it) } },
        bottomBar = {
            NavigationBar {
                for (tab in tabs) {
                    NavigationBarItem(
                        selected = stack.first() == tab.route,
                        onClick = {
                            stack.clear()
                            stack.add(tab.route)
                        },
                        icon = { Icon(tab.icon, contentDescription = null) },
                        label = { Text(tab.label) },
                    )
                }
            }
        },
    ) { padding ->
        // The Scaffold's padding holds the system bars; consumed, so a screen pads only
        // for what is left (the keyboard).
        Box(Modifier.padding(padding).consumeWindowInsets(padding)) {
            when (val route = stack.last()) {
                Route.Today -> TodayScreen(vault, session.clock, go)
                Route.AfterSession -> AfterSessionScreen(vault, session.clock, done)
                Route.CheckIn -> CheckInScreen(vault, session.clock, done)
                Route.Transition -> TransitionScreen(vault, session.clock, done)
                Route.Evening -> EveningScreen(vault, session.clock, done)
                Route.Journal -> JournalScreen(vault, go)
                is Route.Entry -> EntryScreen(vault, route.id)
                Route.NewEntry -> NewEntryScreen(vault, session.clock, done)
                Route.Plan -> PlanScreen(vault, go)
                Route.EmergencyCard -> EmergencyCardScreen(vault)
                Route.Trends -> TrendsScreen(vault, session.clock)
                Route.Settings -> SettingsScreen(session, vault)
            }
        }
    }
}
