import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// A feed address field with its Add button, progress and the last failure, in words.
ColumnLayout {
    id: root

    property string errorText: ""

    function submit() {
        errorText = "";
        if (AppContext.addPodcast(urlField.text))
            urlField.text = "";
    }

    spacing: 4

    Connections {
        target: AppContext
        function onSubscribeFailed(message) { root.errorText = message; }
        function onSubscribed(podcastId, title, episodeCount) { root.errorText = ""; }
    }

    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: urlField
            objectName: "addPodcastField"
            Layout.fillWidth: true
            placeholderText: qsTr("Feed address (https://…)")
            selectByMouse: true
            onAccepted: root.submit()
        }
        Button {
            objectName: "addPodcastButton"
            text: qsTr("Add")
            icon.source: "../icons/add.svg"
            enabled: urlField.text.trim().length > 0
            onClicked: root.submit()
        }
    }

    RowLayout {
        visible: AppContext.subscribing
        Layout.fillWidth: true
        BusyIndicator {
            running: AppContext.subscribing
            Layout.preferredWidth: 20
            Layout.preferredHeight: 20
        }
        Label {
            text: qsTr("Subscribing…")
            opacity: 0.8
        }
    }

    Label {
        objectName: "addPodcastError"
        visible: root.errorText.length > 0
        Layout.fillWidth: true
        text: root.errorText
        color: "#b3261e"
        wrapMode: Text.Wrap
    }
}
