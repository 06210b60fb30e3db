import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// A chapter in the player's chapter list: where it starts, its title and its image; the chapter
// playing is highlighted.
ItemDelegate {
    id: root

    required property int index
    required property string title
    required property real startMs
    required property url imageUrl
    required property bool isCurrent

    highlighted: isCurrent
    topPadding: 6
    bottomPadding: 6

    contentItem: RowLayout {
        spacing: 10

        Label {
            text: AppContext.formatTime(root.startMs)
            font.pixelSize: 12
            opacity: 0.7
            horizontalAlignment: Text.AlignRight
            Layout.preferredWidth: 44
        }
        Label {
            text: root.title
            font.bold: root.isCurrent
            elide: Text.ElideRight
            maximumLineCount: 2
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        CoverImage {
            visible: String(root.imageUrl).length > 0
            source: root.imageUrl
            Layout.preferredWidth: 28
            Layout.preferredHeight: 28
        }
    }
}
