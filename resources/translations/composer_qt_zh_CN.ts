<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt strings that Qt's own qtbase_zh_CN.qm leaves in English (it has "Look in:" but Qt 6 asks for
     "&Look in:"; the file dialog's "Folder" comes from QAbstractFileIconProvider, which it lacks). Compiled with: pyside6-lrelease composer_qt_zh_CN.ts -qm composer_qt_zh_CN.qm -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><translation>文件夹</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
    <message><source>File</source><translation>文件</translation></message>
    <message><source>%1 File</source><translation>%1 文件</translation></message>
    <message><source>Alias</source><translation>别名</translation></message>
    <message><source>Shortcut</source><translation>快捷方式</translation></message>
    <message><source>Unknown</source><translation>未知</translation></message>
</context>
</TS>
