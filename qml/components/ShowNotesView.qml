import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// Title and sanitized show notes. Timestamps in the notes seek; other links open in the browser.
ScrollView {
    id: root

    property string title
    property string subtitle
    property string notesHtml

    signal seekRequested(int seconds)

    contentWidth: availableWidth
    clip: true

    ColumnLayout {
        width: root.availableWidth
        spacing: 8

        Label {
            objectName: "episodeTitle"
            text: root.title
            font.pixelSize: 24
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: root.subtitle
            visible: text.length > 0
            opacity: 0.7
            Layout.fillWidth: true
        }
        TextEdit {
            id: notes
            objectName: "notesText"
            Layout.fillWidth: true
            Layout.topMargin: 8
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.Wrap
            textFormat: TextEdit.RichText
            text: root.notesHtml
            color: palette.text
            selectionColor: palette.highlight
            selectedTextColor: palette.highlightedText
            font.pixelSize: 15
            onLinkActivated: (link) => {
                const seconds = AppContext.seekSecondsFromLink(link);
                if (seconds >= 0)
                    root.seekRequested(seconds);
                else
                    Qt.openUrlExternally(link);
            }

            HoverHandler {
                cursorShape: notes.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor
            }
        }
        Label {
            visible: root.notesHtml.length === 0
            text: qsTr("This episode has no show notes.")
            opacity: 0.6
        }
    }
}
