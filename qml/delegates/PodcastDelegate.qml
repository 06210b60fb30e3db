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
    required property bool ended
    required property bool needsCredentials
    required property string lastError

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
            Label {
                // Why this podcast is not up to date, in a few words; the error log has the rest.
                text: root.ended ? qsTr("Ended") : root.needsCredentials ? qsTr("Needs a password") : qsTr("Refresh failed")
                visible: root.ended || root.needsCredentials || root.lastError.length > 0
                color: root.ended ? root.palette.text : "#b3261e"
                opacity: 0.8
                font.pixelSize: 11
                elide: Text.ElideRight
                Layout.fillWidth: true
                ToolTip.text: root.lastError
                ToolTip.visible: root.hovered && root.lastError.length > 0
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
