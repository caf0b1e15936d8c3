package app.respite.demo.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import app.respite.demo.presentation.Messages
import app.respite.demo.presentation.PrivacyReview

/**
 * The privacy check's open questions, each with its three answers: keep as written,
 * use the redacted version, or "this is mine" for one finding. Shared by every
 * capture screen; the model behind it is the presentation module's [PrivacyReview].
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun PrivacyQuestions(review: PrivacyReview<*>, redraw: Redraw) {
    Message(review.error)
    for (q in review.questions) {
        Card(Modifier.fillMaxWidth()) {
            Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
                val words = q.wording
                Text(words.question)
                Text(words.redacted, style = MaterialTheme.typography.bodySmall)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    OutlinedButton(onClick = { redraw { review.keepAsWritten(q) } }) { Text(Messages.privacy.keep) }
                    OutlinedButton(onClick = { redraw { review.useRedacted(q) } }) { Text(Messages.privacy.redact) }
                }
                q.findings.forEachIndexed { i, f ->
                    TextButton(onClick = { redraw { review.thisIsMine(f) } }) { Text(words.mine[i]) }
                }
            }
        }
    }
}

/**
 * The step before saving on a capture screen: the questions, one tap to keep
 * everything as written (and save), and back to the form. Answering the last
 * question saves.
 */
@Composable
fun PrivacyReviewStep(review: PrivacyReview<*>, redraw: Redraw, back: () -> Unit) {
    Heading(Messages.privacy.heading)
    Text(Messages.privacy.intro)
    PrivacyQuestions(review, redraw)
    Button(onClick = { redraw { review.keepAllAsWritten() } }) { Text(Messages.privacy.keepAll) }
    TextButton(onClick = { redraw { back() } }) { Text(Messages.privacy.back) }
}

/** After saving: the check's all-clear (or why it could not run), and back. */
@Composable
fun SavedWithNote(heading: String, note: String, done: () -> Unit) {
    Heading(heading)
    Text(note)
    Button(onClick = done) { Text("Done") }
}
