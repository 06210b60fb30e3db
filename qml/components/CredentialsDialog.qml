import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sidecast

// Asks for the user name and password a feed wants (HTTP Basic). They go to the keychain.
Dialog {
    id: root

    property int podcastId: 0
    property string podcastTitle: ""
    property string feedUrl: ""

    title: qsTr("Sign in to “%1”").arg(podcastTitle.length > 0 ? podcastTitle : feedUrl)
    modal: true
    standardButtons: Dialog.Ok | Dialog.Cancel
    anchors.centerIn: parent
    width: Math.min(420, parent ? parent.width - 40 : 420)

    onOpened: {
        user.text = "";
        password.text = "";
        user.forceActiveFocus();
    }
    onAccepted: AppContext.setCredentials(root.podcastId, user.text, password.text)

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            text: qsTr("The server of this feed asks for a user name and password.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: root.feedUrl
            elide: Text.ElideMiddle
            opacity: 0.7
            font.pixelSize: 11
            Layout.fillWidth: true
        }
        TextField {
            id: user
            placeholderText: qsTr("User name")
            Layout.fillWidth: true
        }
        TextField {
            id: password
            placeholderText: qsTr("Password")
            echoMode: TextInput.Password
            Layout.fillWidth: true
            onAccepted: root.accept()
        }
    }
}
