import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

ItemDelegate {
    id: root

    required property int podcastId
    required property string title
    required property string author
    required property url imageUrl
    required property int unplayedCount

    padding: 8
    leftPadding: 12

    contentItem: RowLayout {
        spacing: 10
        CoverImage {
            source: root.imageUrl
            Layout.preferredWidth: 44
            Layout.preferredHeight: 44
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                text: root.title
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: root.author
                visible: text.length > 0
                elide: Text.ElideRight
                opacity: 0.7
                font.pixelSize: 12
                Layout.fillWidth: true
            }
        }
        Label {
            visible: root.unplayedCount > 0
            text: root.unplayedCount
            font.pixelSize: 12
            opacity: 0.8
        }
    }
}
