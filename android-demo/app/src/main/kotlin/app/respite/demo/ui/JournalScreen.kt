package app.respite.demo.ui

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Card
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.respite.core.JournalKind
import app.respite.core.SearchSource
import app.respite.core.Vault
import app.respite.demo.presentation.JournalModel
import app.respite.demo.presentation.Messages

/** The journal, newest first, with private search (the index lives only in memory). */
@Composable
fun JournalScreen(vault: Vault, go: (Route) -> Unit) {
    val redraw = rememberRedraw()
    val m = redraw.watch(remember(vault) { JournalModel(vault) })
    var query by remember { mutableStateOf("") }
    LaunchedEffect(m) { if (m.entries.isEmpty()) redraw { m.loadMore() } }
    val hits = remember(query) { if (query.isBlank()) null else runCatching { m.search(query) }.getOrNull() }
    LazyColumn(Modifier.fillMaxSize().padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        item {
            FilledTonalButton(onClick = { go(Route.NewEntry) }, Modifier.fillMaxWidth()) { Text("Write in my journal") }
        }
        item {
            OutlinedTextField(value = query, onValueChange = { query = it }, label = { Text("Search my journal") }, singleLine = true, modifier = Modifier.fillMaxWidth())
        }
        if (hits != null) {
            if (hits.isEmpty()) item { Text("Nothing found for that.") }
            items(hits) { hit ->
                EntryRow(hit.title ?: hit.localDay, hit.snippet) {
                    // Check-in notes are found too; only journal entries open here.
                    if (hit.source == SearchSource.JOURNAL_ENTRY) go(Route.Entry(hit.id))
                }
            }
        } else {
            if (m.damaged.isNotEmpty()) item { Message("${m.damaged.size} entries could not be opened; they are kept as they are.") }
            if (m.entries.isEmpty() && !m.hasMore) item { Text("Nothing here yet. Whatever you write stays on this phone.") }
            items(m.entries) { e -> EntryRow("${e.localDay} · ${kindName(e.kind)}", e.title ?: e.body.take(120)) { go(Route.Entry(e.id)) } }
            if (m.hasMore) item { TextButton(onClick = { redraw { m.loadMore() } }) { Text("Show older") } }
        }
    }
}

/** One entry in full. */
@Composable
fun EntryScreen(vault: Vault, id: String) {
    val entry = remember(id) { runCatching { JournalModel(vault).open(id) } }
    ScreenColumn {
        entry.fold(
            onSuccess = { e ->
                Heading(e.title ?: "${e.localDay} · ${kindName(e.kind)}")
                e.reflection?.intensity?.let { Text("Intensity $it of 10") }
                e.transition?.let { t ->
                    t.setDown?.let { Text("Set down: $it") }
                    if (t.wentWell.isNotEmpty()) Text("Went well: ${t.wentWell.joinToString("; ")}")
                    t.endOfDaySignal?.let { Text("End-of-day signal: $it") }
                }
                if (e.body.isNotBlank()) Text(e.body)
                if (e.tags.isNotEmpty()) Text(e.tags.joinToString(" ") { "#$it" }, style = MaterialTheme.typography.labelMedium)
            },
            onFailure = { Message(Messages.forError(it)) },
        )
    }
}

@Composable
private fun EntryRow(title: String, detail: String, onClick: () -> Unit) {
    Card(Modifier.fillMaxWidth().clickable(onClick = onClick)) {
        Column(Modifier.padding(12.dp)) {
            Text(title, style = MaterialTheme.typography.titleSmall)
            Text(detail, maxLines = 2)
        }
    }
}

private fun kindName(kind: JournalKind) = when (kind) {
    JournalKind.AFTER_SESSION -> "after a session"
    JournalKind.TRANSITION -> "transition"
    JournalKind.EVENING -> "evening"
    JournalKind.FREE -> "note"
}
