import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// The error log: every failed refresh or subscription, newest first.
Page {
    id: root

    Component.onCompleted: AppContext.errorLog.reload()

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            Label {
                text: qsTr("Errors")
                font.pixelSize: 17
                font.bold: true
                Layout.leftMargin: 12
                Layout.fillWidth: true
            }
            ToolButton {
                text: qsTr("Refresh all")
                enabled: !AppContext.refresher.running
                onClicked: AppContext.refreshAll()
            }
        }
    }

    ListView {
        id: list
        objectName: "errorList"
        anchors.fill: parent
        clip: true
        model: AppContext.errorLog
        ScrollBar.vertical: ScrollBar {}

        delegate: ItemDelegate {
            id: entry

            required property string whenText
            required property int podcastId
            required property string podcastTitle
            required property string url
            required property int httpStatus
            required property string message

            width: ListView.view.width
            onClicked: {
                if (entry.podcastId > 0)
                    AppContext.showPodcast(entry.podcastId);
            }

            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: entry.podcastTitle.length > 0 ? entry.podcastTitle : qsTr("No podcast")
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: entry.httpStatus > 0 ? qsTr("HTTP %1").arg(entry.httpStatus) : ""
                        opacity: 0.7
                        font.pixelSize: 12
                    }
                    Label {
                        text: entry.whenText
                        opacity: 0.7
                        font.pixelSize: 12
                    }
                }
                Label {
                    text: entry.message
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    text: entry.url
                    visible: text.length > 0
                    elide: Text.ElideMiddle
                    opacity: 0.6
                    font.pixelSize: 11
                    Layout.fillWidth: true
                }
            }
        }

        Label {
            anchors.centerIn: parent
            width: parent.width - 40
            visible: list.count === 0
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            opacity: 0.7
            text: qsTr("No errors. Failed refreshes and subscriptions show up here.")
        }
    }
}
