<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BeforeAfter</name>
    <message>
        <source>修复结果</source>
        <translation>Fix result</translation>
    </message>
    <message>
        <source>修复前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>修复后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>改动：
</source>
        <translation>Changes:
</translation>
    </message>
    <message>
        <source>仍有问题：
</source>
        <translation>Still wrong:
</translation>
    </message>
    <message>
        <source>采用修复后的文件</source>
        <translation>Use the fixed file</translation>
    </message>
    <message>
        <source>不采用</source>
        <translation>Keep the original</translation>
    </message>
</context>
<context>
    <name>DocumentModel</name>
    <message>
        <source>标记审阅意见已解决</source>
        <translation>Mark review comment resolved</translation>
    </message>
    <message>
        <source>重新打开审阅意见</source>
        <translation>Reopen review comment</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导出给接入商或审核人的资料包，并查看备案通过后要做的事。</source>
        <translation>Export the package for the provider or a reviewer, and see what to do once the filing is approved.</translation>
    </message>
    <message>
        <source>导出资料包…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <source>证件号和电话打码（用于分享）</source>
        <translation>Mask ID numbers and phones (for sharing)</translation>
    </message>
    <message>
        <source>导出进度</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <source>在文件夹中显示</source>
        <translation>Show in folder</translation>
    </message>
    <message>
        <source>打开摘要 PDF（可打印）</source>
        <translation>Open the summary PDF (printable)</translation>
    </message>
    <message>
        <source>复制包的路径</source>
        <translation>Copy the package path</translation>
    </message>
    <message>
        <source>备案通过后</source>
        <translation>After approval</translation>
    </message>
    <message>
        <source>页脚备案号代码</source>
        <translation>Footer filing number code</translation>
    </message>
    <message>
        <source>复制页脚代码</source>
        <translation>Copy the footer code</translation>
    </message>
    <message>
        <source>&lt;h3&gt;备案通过后&lt;/h3&gt;&lt;ul&gt;</source>
        <translation>&lt;h3&gt;After approval&lt;/h3&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>&lt;/ul&gt;&lt;h3&gt;时间节点&lt;/h3&gt;&lt;ul&gt;</source>
        <translation>&lt;/ul&gt;&lt;h3&gt;Deadlines&lt;/h3&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>备案资料包</source>
        <translation>ICP filing package</translation>
    </message>
    <message>
        <source>导出资料包</source>
        <translation>Export package</translation>
    </message>
    <message>
        <source>资料包 (*.zip)</source>
        <translation>Packages (*.zip)</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>检查图片</source>
        <translation>Checking images</translation>
    </message>
    <message>
        <source>打包</source>
        <translation>Packing</translation>
    </message>
    <message numerus="yes">
        <source>✓ 已导出：{path}（%n 个文件）</source>
        <translation>
            <numerusform>✓ Exported: {path} (%n file)</numerusform>
            <numerusform>✓ Exported: {path} (%n files)</numerusform>
        </translation>
    </message>
    <message>
        <source>✗ 未导出：{message}</source>
        <translation>✗ Not exported: {message}</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>folder</translation>
    </message>
    <message>
        <source>摘要 PDF</source>
        <translation>summary PDF</translation>
    </message>
    <message>
        <source>已请系统打开{what}：{path}</source>
        <translation>Asked the system to open the {what}: {path}</translation>
    </message>
    <message>
        <source>这台电脑没有能打开{what}的程序。它在：{path}（可用“复制包的路径”）</source>
        <translation>No program on this computer opens the {what}. It is at: {path} (use “Copy the package path”)</translation>
    </message>
    <message>
        <source>已复制：{package}</source>
        <translation>Copied: {package}</translation>
    </message>
</context>
<context>
    <name>FilingCommands</name>
    <message>
        <source>{name} 是 icpdesk 资料包：审阅它（只读，写出带意见的退回包），或导入为备案在工作区里修改（原包都不会被改动）。</source>
        <translation>{name} is an icpdesk package: review it (read-only; writes a returned package with comments), or import it as a filing to edit in the workspace (the package itself is never changed).</translation>
    </message>
    <message>
        <source>审阅</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>导入为备案</source>
        <translation>Import as filing</translation>
    </message>
    <message>
        <source>无法打开 {name}：这不是 icpdesk 资料包（里面没有 manifest.json）。</source>
        <translation>Cannot open {name}: it is not an icpdesk package (it has no manifest.json).</translation>
    </message>
    <message>
        <source>（第 {line} 行）</source>
        <translation> (line {line})</translation>
    </message>
    <message>
        <source>无法打开 {name}{where}：{detail}</source>
        <translation>Cannot open {name}{where}: {detail}</translation>
    </message>
    <message>
        <source>{name} 的 {n} 个扫描件在它所在的文件夹以外（如 {first}），没有复制进工作区。确认这些文件是要提交的扫描件后再复制。</source>
        <translation>{n} scan(s) of {name} lie outside its folder (such as {first}) and were not copied into the workspace. Copy them once you have made sure they are the scans to submit.</translation>
    </message>
    <message>
        <source>复制这些扫描件</source>
        <translation>Copy these scans</translation>
    </message>
    <message>
        <source>已把 {name} 及其扫描件复制到工作区；原文件不会被改动（需要时用“写回原文件”）。</source>
        <translation>Copied {name} and its scans into the workspace; the original file is not changed (use “Write back to the original file” when needed).</translation>
    </message>
    <message>
        <source>复制扫描件</source>
        <translation>Copy scans</translation>
    </message>
    <message>
        <source>无法复制：{files}</source>
        <translation>Could not copy: {files}</translation>
    </message>
    <message>
        <source>已把扫描件复制到工作区。</source>
        <translation>The scans were copied into the workspace.</translation>
    </message>
    <message>
        <source>打开备案文件或资料包</source>
        <translation>Open a filing file or package</translation>
    </message>
    <message>
        <source>备案文件或资料包 (*.icpdesk.yaml *.yaml *.yml *.json *.zip)</source>
        <translation>Filing files or packages (*.icpdesk.yaml *.yaml *.yml *.json *.zip)</translation>
    </message>
    <message>
        <source>审阅资料包</source>
        <translation>Review package</translation>
    </message>
    <message>
        <source>资料包 (*.zip)</source>
        <translation>Packages (*.zip)</translation>
    </message>
    <message>
        <source>导入资料包</source>
        <translation>Import package</translation>
    </message>
    <message>
        <source>{name} 是打码导出的包：证件号和电话只剩 ****，导入后要逐个重新填写。</source>
        <translation>{name} was exported masked: ID numbers and phones are only ****; after import each must be typed again.</translation>
    </message>
    <message>
        <source>仍然导入</source>
        <translation>Import anyway</translation>
    </message>
    <message>
        <source>无法导入 {name}：{error}</source>
        <translation>Cannot import {name}: {error}</translation>
    </message>
    <message>
        <source>退回包 {name} 的审阅意见已加到导出它的备案“{filing}”上；原包不会被改动。</source>
        <translation>The comments of the returned package {name} were added to the filing it was exported from, “{filing}”; the package itself is not changed.</translation>
    </message>
    <message>
        <source>已把资料包 {name} 导入为工作区里的新备案；原包不会被改动。</source>
        <translation>Imported the package {name} as a new filing in the workspace; the package is not changed.</translation>
    </message>
    <message>
        <source>已用同一主体和负责人新建备案：添加要备案的网站或APP。</source>
        <translation>New filing with the same principal and leader: add the websites or APPs to file.</translation>
    </message>
    <message>
        <source>已移到回收站，可在“文件 → 回收站”恢复。</source>
        <translation>Moved to the trash; restore it from “File → Trash”.</translation>
    </message>
    <message>
        <source>回收站</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>回收站里的备案</source>
        <translation>Filings in the trash</translation>
    </message>
    <message>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>另存为备案文件</source>
        <translation>Save as filing file</translation>
    </message>
    <message>
        <source>备案.icpdesk.yaml</source>
        <translation>filing.icpdesk.yaml</translation>
    </message>
    <message>
        <source>备案文件 (*.icpdesk.yaml)</source>
        <translation>Filing files (*.icpdesk.yaml)</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>{reason}
原有文件未改动。</source>
        <translation>{reason}
The existing file is unchanged.</translation>
    </message>
    <message>
        <source>已另存为 {target}（扫描件在旁边的 .scans 文件夹）。</source>
        <translation>Saved as {target} (the scans are in the .scans folder beside it).</translation>
    </message>
    <message>
        <source>写回原文件</source>
        <translation>Write back to the original file</translation>
    </message>
    <message>
        <source>用工作区里的内容覆盖原文件？
{origin}</source>
        <translation>Overwrite the original file with the workspace’s version?
{origin}</translation>
    </message>
</context>
<context>
    <name>FilingWizard</name>
    <message>
        <source>ICP备案助手</source>
        <translation>ICP Filing Assistant</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>打开…</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>修改{field}</source>
        <translation>Edit {field}</translation>
    </message>
    <message numerus="yes">
        <source>本页还有 %n 个错误：{message}</source>
        <translation>
            <numerusform>%n error left on this page: {message}</numerusform>
            <numerusform>%n errors left on this page: {message}</numerusform>
        </translation>
    </message>
    <message>
        <source>保存备案文件</source>
        <translation>Save filing file</translation>
    </message>
    <message>
        <source>备案.icpdesk.yaml</source>
        <translation>filing.icpdesk.yaml</translation>
    </message>
    <message>
        <source>备案文件 (*.icpdesk.yaml *.json)</source>
        <translation>Filing files (*.icpdesk.yaml *.json)</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <source>{reason}
原有文件未改动。</source>
        <translation>{reason}
The existing file is unchanged.</translation>
    </message>
    <message>
        <source>{reason}
原有文件未改动，填写的内容仍在窗口里。</source>
        <translation>{reason}
The existing file is unchanged; what you entered is still in the window.</translation>
    </message>
    <message>
        <source>{name} — ICP备案助手</source>
        <translation>{name} — ICP Filing Assistant</translation>
    </message>
    <message>
        <source>打开备案文件</source>
        <translation>Open filing file</translation>
    </message>
    <message>
        <source>备案文件 (*.icpdesk.yaml *.yaml *.json)</source>
        <translation>Filing files (*.icpdesk.yaml *.yaml *.json)</translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>检查结果</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>{word}：{message}</source>
        <translation>{word}: {message}</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>本页问题</source>
        <translation>Problems on this page</translation>
    </message>
    <message numerus="yes">
        <source>本页还有 %n 个错误，改正后才能继续。第一个：{label} — {message}</source>
        <translation>
            <numerusform>%n error left on this page; fix it to go on: {label} — {message}</numerusform>
            <numerusform>%n errors left on this page; fix them to go on. The first: {label} — {message}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ICP备案助手</source>
        <translation>ICP Filing Assistant</translation>
    </message>
    <message>
        <source>搜索：主体名称、域名、省份…</source>
        <translation>Search: principal, domain, province…</translation>
    </message>
    <message>
        <source>搜索备案</source>
        <translation>Search filings</translation>
    </message>
    <message>
        <source>工作区的备案</source>
        <translation>Filings in the workspace</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>复制主体</source>
        <translation>Copy principal</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>工作区里还没有备案。点“新建”开始，或用“文件 → 打开”把已有的备案文件复制进来。</source>
        <translation>No filings in the workspace yet. Click “New” to start, or use “File → Open” to copy an existing filing file in.</translation>
    </message>
    <message>
        <source>保存状态</source>
        <translation>Save status</translation>
    </message>
    <message>
        <source>上次 icpdesk 没有正常退出。所有备案都已恢复到最后一次自动保存时的样子（每次修改后约 1 秒内自动保存）。</source>
        <translation>icpdesk did not exit normally last time. Every filing is as it was at its last autosave (about one second after each change).</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建备案</source>
        <translation>New filing</translation>
    </message>
    <message>
        <source>打开备案文件…</source>
        <translation>Open filing file…</translation>
    </message>
    <message>
        <source>导入资料包…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <source>审阅资料包…</source>
        <translation>Review package…</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>另存为文件…</source>
        <translation>Save as file…</translation>
    </message>
    <message>
        <source>写回原文件…</source>
        <translation>Write back to the original file…</translation>
    </message>
    <message>
        <source>导出资料包…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <source>复制主体为新备案</source>
        <translation>Copy principal to a new filing</translation>
    </message>
    <message>
        <source>删除到回收站</source>
        <translation>Move to trash</translation>
    </message>
    <message>
        <source>回收站…</source>
        <translation>Trash…</translation>
    </message>
    <message>
        <source>关闭备案</source>
        <translation>Close filing</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>首选项…</source>
        <translation>Preferences…</translation>
    </message>
    <message>
        <source>常用</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>无法打开这个备案：{error}</source>
        <translation>Cannot open this filing: {error}</translation>
    </message>
    <message>
        <source>审阅意见无法读取：{error}</source>
        <translation>The review comments cannot be read: {error}</translation>
    </message>
    <message>
        <source>{name} — ICP备案助手</source>
        <translation>{name} — ICP Filing Assistant</translation>
    </message>
    <message>
        <source>新备案</source>
        <translation>New filing</translation>
    </message>
    <message>
        <source>✗ 未能保存</source>
        <translation>✗ Not saved</translation>
    </message>
    <message>
        <source>无法保存（{reason}）。已填写的内容仍在窗口里，上次保存的文件完好；空间恢复后会自动保存。</source>
        <translation>Cannot save ({reason}). What you entered is still in the window and the last saved file is intact; it is saved automatically once there is space again.</translation>
    </message>
    <message>
        <source>已自动保存 {time}</source>
        <translation>Saved automatically at {time}</translation>
    </message>
    <message>
        <source>资料包已导出：{path}</source>
        <translation>Package exported: {path}</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open its folder</translation>
    </message>
    <message>
        <source>有内容未能保存</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>最近的修改没能写入磁盘（{reason}）。退出会丢失它们。仍要退出吗？</source>
        <translation>The latest changes could not be written to disk ({reason}). Quitting loses them. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <source>备案资料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>按清单提供扫描件：拖入文件或点“选择文件”，每个文件会立即检查。</source>
        <translation>Provide the scans on the list: drop a file or click “Choose file…”; each file is checked at once.</translation>
    </message>
    <message>
        <source>检查整个文件夹…</source>
        <translation>Check a whole folder…</translation>
    </message>
    <message>
        <source>其他资料</source>
        <translation>Other material</translation>
    </message>
    <message>
        <source>共需 {required} 份必需资料，还缺 {missing} 份</source>
        <translation>{required} required materials, {missing} still missing</translation>
    </message>
    <message>
        <source>，{n} 份扫描件有错误需处理。</source>
        <translation>; {n} scans have errors to deal with.</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <source>附上扫描件</source>
        <translation>Attach scan</translation>
    </message>
    <message>
        <source>未安装文字识别（pip install &apos;icpdesk[ocr]&apos;）：不能读出证件上的文字与填写内容核对。</source>
        <translation>OCR is not installed (pip install &apos;icpdesk[ocr]&apos;): the document&apos;s text cannot be read and compared with the filing.</translation>
    </message>
    <message>
        <source>正在读取证件上的文字…</source>
        <translation>Reading the document&apos;s text…</translation>
    </message>
    <message>
        <source>文字识别失败：{msg}</source>
        <translation>OCR failed: {msg}</translation>
    </message>
    <message>
        <source>没能读出证件上的文字（{doc}）。</source>
        <translation>Could not read the document&apos;s text ({doc}).</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>读出：{fields}</source>
        <translation>Read: {fields}</translation>
    </message>
    <message>
        <source>（都不够清楚）</source>
        <translation>(nothing clear enough)</translation>
    </message>
    <message>
        <source>用扫描件填写</source>
        <translation>Fill from the scan</translation>
    </message>
    <message>
        <source>已用扫描件填写：{fields}。请核对；可撤销（Ctrl+Z）。</source>
        <translation>Filled from the scan: {fields}. Please check; Ctrl+Z undoes it.</translation>
    </message>
    <message>
        <source>无法修复：{msg}</source>
        <translation>Cannot fix: {msg}</translation>
    </message>
    <message>
        <source>文件：{path}（修复后的副本；原文件未改动）</source>
        <translation>File: {path} (the fixed copy; the original is unchanged)</translation>
    </message>
    <message>
        <source>选择要检查的文件夹</source>
        <translation>Choose a folder to check</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>检查文件夹</source>
        <translation>Check folder</translation>
    </message>
    <message>
        <source>文件夹检查结果</source>
        <translation>Folder check results</translation>
    </message>
    <message>
        <source>共 {n} 个文件，{bad} 个有错误。</source>
        <translation>{n} files, {bad} with errors.</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>MessageLabel</name>
    <message>
        <source>{word}：{message}</source>
        <translation>{word}: {message}</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>关闭提示</source>
        <translation>Close notice</translation>
    </message>
    <message>
        <source>{word}：{text}</source>
        <translation>{word}: {text}</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>照证件填写，18位身份证号末位 X 大写</source>
        <translation>As on the certificate; an 18-digit ID number ends in a capital X if it has one</translation>
    </message>
    <message>
        <source>YYYY-MM-DD 或 长期</source>
        <translation>YYYY-MM-DD or 长期 (long-term)</translation>
    </message>
    <message>
        <source>工信部短信验证码发到这个号码</source>
        <translation>The MIIT SMS code is sent to this number</translation>
    </message>
    <message>
        <source>单位：另一个手机或办公电话</source>
        <translation>Organisations: another mobile or an office phone</translation>
    </message>
    <message>
        <source>与负责人手机不同</source>
        <translation>Different from the leader’s mobile</translation>
    </message>
    <message>
        <source>带区号，如 0571-88888888</source>
        <translation>With area code, e.g. 0571-88888888</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>首选项</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>工作区文件夹</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>工作区文件夹（下次启动生效）：</source>
        <translation>Workspace folder (from the next start):</translation>
    </message>
    <message>
        <source>默认省份</source>
        <translation>Default province</translation>
    </message>
    <message>
        <source>（不预设）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>新备案的默认省份：</source>
        <translation>Default province of new filings:</translation>
    </message>
    <message>
        <source>默认接入商</source>
        <translation>Default provider</translation>
    </message>
    <message>
        <source>新备案的默认接入商：</source>
        <translation>Default provider of new filings:</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>界面语言（立即生效）：</source>
        <translation>Language (applies at once):</translation>
    </message>
    <message>
        <source>选择工作区文件夹</source>
        <translation>Choose the workspace folder</translation>
    </message>
</context>
<context>
    <name>PrincipalPage</name>
    <message>
        <source>主体信息</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>按证件填写主办单位或主办人信息，以及主体负责人。</source>
        <translation>Fill in the principal (organisation or person) as on its certificate, and the principal’s leader.</translation>
    </message>
    <message>
        <source>与证件、域名持有者一致</source>
        <translation>Same as on the certificate and the domain holder</translation>
    </message>
    <message>
        <source>照证件填写，从省份写起</source>
        <translation>As on the certificate, starting with the province</translation>
    </message>
    <message>
        <source>详细到门牌号</source>
        <translation>Down to the street number</translation>
    </message>
    <message>
        <source>单位填写</source>
        <translation>Organisations only</translation>
    </message>
    <message>
        <source>YYYY-MM-DD 或 长期，见证件</source>
        <translation>YYYY-MM-DD or 长期 (long-term), see the certificate</translation>
    </message>
    <message>
        <source>已备案时填写，如 浙ICP备12345678号</source>
        <translation>If already filed, e.g. 浙ICP备12345678号</translation>
    </message>
    <message>
        <source>备注加上“{text}”（地址已写到最详细时）</source>
        <translation>Add “{text}” to the remark (when the address is as detailed as it gets)</translation>
    </message>
    <message>
        <source>备注建议：{text}</source>
        <translation>Remark suggestion: “{text}”</translation>
    </message>
    <message>
        <source>主体负责人</source>
        <translation>Principal leader</translation>
    </message>
    <message>
        <source>个人备案：负责人就是主办人本人，姓名和证件已自动填入。</source>
        <translation>Personal filing: the leader is the principal, so name and certificate are filled in for you.</translation>
    </message>
    <message>
        <source>未安装文字识别（pip install &apos;icpdesk[ocr]&apos;）：请在“备案资料”页附上扫描件，并照证件填写。</source>
        <translation>OCR is not installed (pip install &apos;icpdesk[ocr]&apos;): attach the scan on the Materials page and type the fields as the document shows them.</translation>
    </message>
    <message>
        <source>正在读取 {name}…</source>
        <translation>Reading {name}…</translation>
    </message>
    <message>
        <source>文字识别失败：{msg}</source>
        <translation>OCR failed: {msg}</translation>
    </message>
    <message>
        <source>没有认出这是主体的身份证或营业执照（{doc}）。其他资料请在“备案资料”页添加。</source>
        <translation>This is not recognised as the principal&apos;s ID card or business licence ({doc}). Add other documents on the Materials page.</translation>
    </message>
    <message>
        <source>这是营业执照，但本备案是个人备案。</source>
        <translation>This is a business licence, but this is a personal filing.</translation>
    </message>
    <message>
        <source>替换扫描件</source>
        <translation>Replace scan</translation>
    </message>
    <message>
        <source>已有{kind}的扫描件。用 {name} 替换它吗？</source>
        <translation>There is already a scan for {kind}. Replace it with {name}?</translation>
    </message>
    <message>
        <source>已附上为{kind}。证件上的内容与填写的一致，或没有空字段可填。</source>
        <translation>Attached as {kind}. The document agrees with the filing, or there is no empty field to fill.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>已附上为{kind}。可以用它填写：{fields}</source>
        <translation>Attached as {kind}. It can fill: {fields}</translation>
    </message>
    <message numerus="yes">
        <source>用扫描件填写 %n 个空字段</source>
        <translation>
            <numerusform>Fill %n empty field from the scan</numerusform>
            <numerusform>Fill %n empty fields from the scan</numerusform>
        </translation>
    </message>
    <message>
        <source>用扫描件填写</source>
        <translation>Fill from the scan</translation>
    </message>
    <message>
        <source>已填写：{fields}。请与证件核对；可撤销（Ctrl+Z）。</source>
        <translation>Filled: {fields}. Compare them with the document; Ctrl+Z undoes it.</translation>
    </message>
    <message>
        <source>添加备注</source>
        <translation>Add remark</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>短信核验与检查</source>
        <translation>SMS check and review</translation>
    </message>
    <message>
        <source>确认谁会收到工信部的验证码，再看一遍全部检查结果。</source>
        <translation>See who will get the MIIT codes, then go through all findings once more.</translation>
    </message>
    <message>
        <source>短信核验计划</source>
        <translation>SMS plan</translation>
    </message>
    <message>
        <source>标记审阅意见为已解决</source>
        <translation>Mark the review comment resolved</translation>
    </message>
    <message>
        <source>标记选中的审阅意见为已解决</source>
        <translation>Mark the selected review comment resolved</translation>
    </message>
    <message>
        <source>怎么改的（可选，审阅人会看到）</source>
        <translation>What you changed (optional; the reviewer sees it)</translation>
    </message>
    <message>
        <source>对审阅意见的处理说明</source>
        <translation>How the review comment was handled</translation>
    </message>
    <message>
        <source>重新打开审阅意见</source>
        <translation>Reopen review comment</translation>
    </message>
    <message>
        <source>&lt;h3&gt;短信核验&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;SMS check&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;本备案类型不需要短信核验。&lt;/p&gt;</source>
        <translation>&lt;p&gt;This filing type needs no SMS check.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{phone}&lt;/b&gt;（{name}）：{roles}&lt;br&gt;核验时输入：手机号 + 验证码 + {tail}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{phone}&lt;/b&gt; ({name}): {roles}&lt;br&gt;To verify, enter: the phone + the code + {tail}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>（缺少手机号）</source>
        <translation>(no mobile yet)</translation>
    </message>
    <message>
        <source>{word}：{message}</source>
        <translation>{word}: {message}</translation>
    </message>
    <message>
        <source>&lt;p&gt;验证码来自 {senders}，收到后 {hours} 小时内到 {where} 完成核验；最多重发 {resends} 次；输错 {wrong} 次订单退回。这段时间请保持这些手机畅通。&lt;/p&gt;</source>
        <translation>&lt;p&gt;The codes come from {senders}; verify within {hours} hours at {where}; at most {resends} resends; {wrong} wrong entries return the order. Keep these phones reachable meanwhile.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{errors} 个错误，{warnings} 个警告。双击一条可跳到对应的字段。</source>
        <translation>{errors} errors, {warnings} warnings. Double-click one to go to its field.</translation>
    </message>
    <message>
        <source> 审阅意见还有 {n} 条未解决。</source>
        <translation> {n} review comments are still open.</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>无误</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>需修改</source>
        <translation>Needs change</translation>
    </message>
    <message>
        <source>审阅 {name} — ICP备案助手</source>
        <translation>Review {name} — ICP Filing Assistant</translation>
    </message>
    <message>
        <source>资料包状态</source>
        <translation>Package status</translation>
    </message>
    <message>
        <source>✗ 无法打开这个资料包：{error}</source>
        <translation>✗ Cannot open this package: {error}</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>备案内容</source>
        <translation>Filing contents</translation>
    </message>
    <message>
        <source>整个备案</source>
        <translation>Whole filing</translation>
    </message>
    <message>
        <source>点击显示完整号码</source>
        <translation>Click to show the whole number</translation>
    </message>
    <message>
        <source>适应窗口</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>旋转视图</source>
        <translation>Rotate view</translation>
    </message>
    <message>
        <source>选一份备案资料查看扫描件。</source>
        <translation>Choose a material to see its scan.</translation>
    </message>
    <message>
        <source>扫描件</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>导出后的变化</source>
        <translation>Changes since export</translation>
    </message>
    <message>
        <source>检查结果（{n_findings}）</source>
        <translation>Findings ({n_findings})</translation>
    </message>
    <message>
        <source>审阅记录</source>
        <translation>Review history</translation>
    </message>
    <message>
        <source>审阅记录（{n_reviews}）</source>
        <translation>Review history ({n_reviews})</translation>
    </message>
    <message>
        <source>审阅人姓名</source>
        <translation>Reviewer’s name</translation>
    </message>
    <message>
        <source>审阅人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>通过…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>退回修改…</source>
        <translation>Return for changes…</translation>
    </message>
    <message>
        <source>审阅报告…</source>
        <translation>Review report…</translation>
    </message>
    <message>
        <source>审阅人：</source>
        <translation>Reviewer:</translation>
    </message>
    <message>
        <source>包已被改动：不能在上面写审阅意见，请让对方重新导出。</source>
        <translation>The package was altered: no review can be written on it; ask for a new export.</translation>
    </message>
    <message>
        <source>短信核验计划</source>
        <translation>SMS plan</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>（未填姓名）</source>
        <translation>(no name yet)</translation>
    </message>
    <message>
        <source>{name}：{roles}</source>
        <translation>{name}: {roles}</translation>
    </message>
    <message>
        <source>✓ 完整：所有文件与清单一致</source>
        <translation>✓ Intact: every file matches the manifest</translation>
    </message>
    <message>
        <source>✗ 完整性问题：</source>
        <translation>✗ Integrity problems: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>导出于 {created} · icpdesk {tool} · 规则 {rules}</source>
        <translation>Exported {created} · icpdesk {tool} · rules {rules}</translation>
    </message>
    <message>
        <source>（今天的规则不同）</source>
        <translation> (today’s rules differ)</translation>
    </message>
    <message>
        <source>证件号和电话已打码</source>
        <translation>ID numbers and phones are masked</translation>
    </message>
    <message>
        <source>今天的规则：{errors} 个错误，导出后新出现 {new} 条、消失 {gone} 条</source>
        <translation>Today’s rules: {errors} errors; {new} new since export, {gone} gone</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已有 {n} 轮审阅，最近：{decision}（{reviewer}）</source>
        <translation>{n} review rounds; the latest: {decision} ({reviewer})</translation>
    </message>
    <message>
        <source>包已被改动：内容未按规则检查。</source>
        <translation>The package was altered: its contents were not checked against the rules.</translation>
    </message>
    <message>
        <source>与导出时的检查结果相同。</source>
        <translation>Same findings as at export.</translation>
    </message>
    <message>
        <source>导出后新出现 {new} 条，消失 {gone} 条（规则可能已更新）：</source>
        <translation>{new} new and {gone} gone since export (the rules may have changed):</translation>
    </message>
    <message>
        <source>结论：{text}</source>
        <translation>Verdict: {text}</translation>
    </message>
    <message>
        <source>意见：{text}</source>
        <translation>Comment: {text}</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Returned for changes</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{decision} — {reviewer}，{time}&lt;/h3&gt;&lt;ul&gt;</source>
        <translation>&lt;h3&gt;{decision} — {reviewer}, {time}&lt;/h3&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <source>（已解决：{answer}）</source>
        <translation> (resolved: {answer})</translation>
    </message>
    <message>
        <source>（已解决）</source>
        <translation> (resolved)</translation>
    </message>
    <message>
        <source>&lt;li&gt;{mark} {where}：{text}{state}&lt;/li&gt;</source>
        <translation>&lt;li&gt;{mark} {where}: {text}{state}&lt;/li&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;还没有审阅记录。&lt;/p&gt;</source>
        <translation>&lt;p&gt;No reviews yet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{word}：{message}</source>
        <translation>{word}: {message}</translation>
    </message>
    <message>
        <source>✓ 图片检查合格</source>
        <translation>✓ The image checks passed</translation>
    </message>
    <message>
        <source>无法显示这份扫描件（包已被改动，或图片无法解码）。</source>
        <translation>This scan cannot be shown (the package was altered, or the image cannot be decoded).</translation>
    </message>
    <message>
        <source>请先填写审阅人姓名。</source>
        <translation>Type the reviewer’s name first.</translation>
    </message>
    <message>
        <source>退回时至少要有一条“需修改”的意见，说明要改什么。</source>
        <translation>Returning needs at least one “Needs change” comment saying what to change.</translation>
    </message>
    <message>
        <source>-审阅.zip</source>
        <translation>-review.zip</translation>
    </message>
    <message>
        <source>保存审阅结果</source>
        <translation>Save the review</translation>
    </message>
    <message>
        <source>资料包 (*.zip)</source>
        <translation>Packages (*.zip)</translation>
    </message>
    <message>
        <source>✗ 未保存：{error}</source>
        <translation>✗ Not saved: {error}</translation>
    </message>
    <message>
        <source>✓ 已通过，保存到 {target}（原包的文件一字未改，另加 review.json）。</source>
        <translation>✓ Approved, saved to {target} (every file of the package unchanged, plus review.json).</translation>
    </message>
    <message>
        <source>✓ 已退回，保存到 {target}（原包的文件一字未改，另加 review.json）。</source>
        <translation>✓ Returned, saved to {target} (every file of the package unchanged, plus review.json).</translation>
    </message>
    <message>
        <source>审阅报告</source>
        <translation>Review report</translation>
    </message>
    <message>
        <source>✗ 报告未保存：{error}</source>
        <translation>✗ Report not saved: {error}</translation>
    </message>
    <message>
        <source>✓ 审阅报告已保存：{target}</source>
        <translation>✓ Review report saved: {target}</translation>
    </message>
</context>
<context>
    <name>ScanItem</name>
    <message>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <source>视接入商</source>
        <translation>provider-dependent</translation>
    </message>
    <message>
        <source>{title}（{need}）</source>
        <translation>{title} ({need})</translation>
    </message>
    <message>
        <source>拖入扫描件
或点“选择文件”</source>
        <translation>Drop a scan here
or click “Choose file…”</translation>
    </message>
    <message>
        <source>{title}的预览</source>
        <translation>Preview of {title}</translation>
    </message>
    <message>
        <source>视接入商，建议提供</source>
        <translation>provider-dependent; best provided</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; — {need}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; — {need}</translation>
    </message>
    <message>
        <source>{title}的检查结果</source>
        <translation>Checks of {title}</translation>
    </message>
    <message>
        <source>{title}的文字识别</source>
        <translation>Text read on {title}</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>为{title}选择文件</source>
        <translation>Choose a file for {title}</translation>
    </message>
    <message>
        <source>一键修复…</source>
        <translation>Fix it…</translation>
    </message>
    <message>
        <source>修复{title}</source>
        <translation>Fix {title}</translation>
    </message>
    <message>
        <source>用{title}填写空字段</source>
        <translation>Fill empty fields from {title}</translation>
    </message>
    <message>
        <source>文件：{path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>尚未提供</source>
        <translation>Not provided yet</translation>
    </message>
    <message>
        <source>检查中…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>无法预览</source>
        <translation>No preview</translation>
    </message>
    <message>
        <source>✓ 合格</source>
        <translation>✓ Passed</translation>
    </message>
    <message>
        <source>✗ 有错误</source>
        <translation>✗ Errors</translation>
    </message>
    <message>
        <source>! 请注意</source>
        <translation>! Note</translation>
    </message>
    <message numerus="yes">
        <source>用扫描件填写 %n 个空字段</source>
        <translation>
            <numerusform>Fill %n empty field from the scan</numerusform>
            <numerusform>Fill %n empty fields from the scan</numerusform>
        </translation>
    </message>
    <message>
        <source>选择扫描件</source>
        <translation>Choose a scan</translation>
    </message>
    <message>
        <source>图片 (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp *.heic *.heif);;所有文件 (*)</source>
        <translation>Images (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp *.heic *.heif);;All files (*)</translation>
    </message>
    <message>
        <source>替换扫描件</source>
        <translation>Replace scan</translation>
    </message>
    <message>
        <source>{title}已有合格的扫描件。用 {name} 替换它吗？</source>
        <translation>{title} already has a scan that passed. Replace it with {name}?</translation>
    </message>
</context>
<context>
    <name>ScanViewer</name>
    <message>
        <source>扫描件查看</source>
        <translation>Scan viewer</translation>
    </message>
</context>
<context>
    <name>ServiceForm</name>
    <message>
        <source>至少3个汉字，体现网站内容</source>
        <translation>At least 3 Chinese characters, saying what the site is about</translation>
    </message>
    <message>
        <source>一个网站一个域名，如 example.com</source>
        <translation>One domain per site, e.g. example.com</translation>
    </message>
    <message>
        <source>如 www.example.com</source>
        <translation>e.g. www.example.com</translation>
    </message>
    <message>
        <source>同一网站另有首页时填写，逗号分隔；部分省份每个域名只收一个</source>
        <translation>Further home pages of the same site, comma-separated; some provinces accept one per domain</translation>
    </message>
    <message>
        <source>YYYY-MM-DD，见域名证书</source>
        <translation>YYYY-MM-DD, see the domain certificate</translation>
    </message>
    <message>
        <source>应用商店图标下显示的名称</source>
        <translation>The name under the icon in the app store</translation>
    </message>
    <message>
        <source>32位十六进制，冒号可有可无</source>
        <translation>32 hex digits, colons optional</translation>
    </message>
    <message>
        <source>iOS：40位十六进制</source>
        <translation>iOS: 40 hex digits</translation>
    </message>
    <message>
        <source>提供</source>
        <translation>Provides</translation>
    </message>
    <message>
        <source>使用</source>
        <translation>Uses</translation>
    </message>
    <message>
        <source>与主办单位名称一致</source>
        <translation>Same as the principal’s name</translation>
    </message>
    <message>
        <source>见域名实名认证信息，须与主体证件一致</source>
        <translation>See the domain’s real-name record; must match the principal’s certificate</translation>
    </message>
    <message>
        <source>已备案时填写</source>
        <translation>If already filed</translation>
    </message>
    <message>
        <source>备注加上个人网站声明</source>
        <translation>Add the personal-site statement to the remark</translation>
    </message>
    <message>
        <source>在备注中加入个人网站声明</source>
        <translation>Add the personal-site statement to the remark</translation>
    </message>
    <message>
        <source>负责人同主体负责人</source>
        <translation>Same leader as the principal</translation>
    </message>
    <message>
        <source>网站/APP负责人</source>
        <translation>Website/APP leader</translation>
    </message>
    <message>
        <source>添加个人网站声明</source>
        <translation>Add personal-site statement</translation>
    </message>
    <message>
        <source>单独的负责人</source>
        <translation>Own leader</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>网站 / APP</source>
        <translation>Websites / APPs</translation>
    </message>
    <message>
        <source>添加本次备案的网站和APP。左侧选择一项，右侧填写。</source>
        <translation>Add the websites and APPs of this filing. Choose one on the left, fill it in on the right.</translation>
    </message>
    <message>
        <source>本省的数量限制</source>
        <translation>This province’s limit</translation>
    </message>
    <message>
        <source>撤销提示</source>
        <translation>Undo hint</translation>
    </message>
    <message>
        <source>网站和APP列表</source>
        <translation>Websites and APPs</translation>
    </message>
    <message>
        <source>添加网站</source>
        <translation>Add website</translation>
    </message>
    <message>
        <source>添加APP</source>
        <translation>Add APP</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>还没有网站或APP：点“添加网站”或“添加APP”。</source>
        <translation>No websites or APPs yet: click “Add website” or “Add APP”.</translation>
    </message>
    <message>
        <source>网站{n}</source>
        <translation>Website {n}</translation>
    </message>
    <message>
        <source>APP{n}</source>
        <translation>APP {n}</translation>
    </message>
    <message>
        <source>{what}：{name}</source>
        <translation>{what}: {name}</translation>
    </message>
    <message>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <source>已添加 {sites} 个网站、{apps} 个APP</source>
        <translation>{sites} websites and {apps} APPs added</translation>
    </message>
    <message>
        <source>本省</source>
        <translation>This province</translation>
    </message>
    <message>
        <source>{added}。{province}对每单网站数没有特别限制。</source>
        <translation>{added}. {province} sets no limit on websites per order.</translation>
    </message>
    <message>
        <source>{added}；{province}每单最多 {limit} 个网站。</source>
        <translation>{added}; {province} allows at most {limit} websites per order.</translation>
    </message>
    <message>
        <source>已达本省上限，请放到下一个订单</source>
        <translation>The province’s limit is reached: put it in the next order</translation>
    </message>
    <message>
        <source>复制网站</source>
        <translation>Duplicate website</translation>
    </message>
    <message>
        <source>复制APP</source>
        <translation>Duplicate APP</translation>
    </message>
    <message>
        <source>网站“{name}”</source>
        <translation>website “{name}”</translation>
    </message>
    <message>
        <source>APP“{name}”</source>
        <translation>APP “{name}”</translation>
    </message>
    <message>
        <source>删除{what}</source>
        <translation>Delete {what}</translation>
    </message>
    <message>
        <source>已删除{what}。按 Ctrl+Z（编辑 → 撤销）可以恢复。</source>
        <translation>Deleted {what}. Ctrl+Z (Edit → Undo) brings it back.</translation>
    </message>
</context>
<context>
    <name>StartShell</name>
    <message>
        <source>ICP备案助手</source>
        <translation>ICP Filing Assistant</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>正在载入规则和备案…</source>
        <translation>Loading the rules and filings…</translation>
    </message>
    <message>
        <source>正在载入</source>
        <translation>Loading</translation>
    </message>
</context>
<context>
    <name>StepList</name>
    <message>
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message numerus="yes">
        <source>%n 个错误</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message>
        <source>没有错误</source>
        <translation>No errors</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>TypePage</name>
    <message>
        <source>新增（首次、新网站/APP、接入）</source>
        <translation>New (first filing, new website/APP, access)</translation>
    </message>
    <message>
        <source>变更主体信息</source>
        <translation>Change principal</translation>
    </message>
    <message>
        <source>变更网站/APP信息</source>
        <translation>Change website/APP</translation>
    </message>
    <message>
        <source>变更接入信息</source>
        <translation>Change access</translation>
    </message>
    <message>
        <source>注销主体</source>
        <translation>Cancel principal</translation>
    </message>
    <message>
        <source>注销网站/APP</source>
        <translation>Cancel website/APP</translation>
    </message>
    <message>
        <source>取消接入</source>
        <translation>Cancel access</translation>
    </message>
    <message>
        <source>备案类型</source>
        <translation>Filing type</translation>
    </message>
    <message>
        <source>先告诉我们主体在哪、是什么，以及之前是否备案过；由此确定备案类型。</source>
        <translation>Tell us where the principal is, what it is and whether it was filed before; that decides the filing type.</translation>
    </message>
    <message>
        <source>照证件填写</source>
        <translation>As on the certificate</translation>
    </message>
    <message>
        <source>部分资料和要求是接入商自己的（如金山云的幕布照尺寸）；未选时只作提示列出</source>
        <translation>Some materials and requirements are the provider’s own (such as Kingsoft Cloud’s backdrop photo size); without a provider they are listed as hints only</translation>
    </message>
    <message>
        <source>验证备案类型</source>
        <translation>Determine the filing type</translation>
    </message>
    <message>
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>备案的是网站还是APP</source>
        <translation>Filing a website or an APP</translation>
    </message>
    <message>
        <source>网站域名或APP名称</source>
        <translation>Website domain or APP name</translation>
    </message>
    <message>
        <source>网站域名（如 example.com）或APP名称</source>
        <translation>Website domain (e.g. example.com) or APP name</translation>
    </message>
    <message>
        <source>要办理的事</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>主体（这个证件）已经备案过</source>
        <translation>The principal (this certificate) was filed before</translation>
    </message>
    <message>
        <source>主体是在本接入商备案的</source>
        <translation>The principal was filed with this provider</translation>
    </message>
    <message>
        <source>这个域名/APP已经备案过</source>
        <translation>This domain/APP was filed before</translation>
    </message>
    <message>
        <source>备案的是：</source>
        <translation>Filing:</translation>
    </message>
    <message>
        <source>域名或APP名称：</source>
        <translation>Domain or APP name:</translation>
    </message>
    <message>
        <source>要办理：</source>
        <translation>To do:</translation>
    </message>
    <message>
        <source>判断出的备案类型</source>
        <translation>The filing type found</translation>
    </message>
    <message>
        <source>备案类型检查</source>
        <translation>Filing type check</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>修改网站域名</source>
        <translation>Edit website domains</translation>
    </message>
    <message>
        <source>添加网站</source>
        <translation>Add website</translation>
    </message>
    <message>
        <source>修改APP名称</source>
        <translation>Edit APP name</translation>
    </message>
    <message>
        <source>添加APP</source>
        <translation>Add APP</translation>
    </message>
    <message>
        <source>修改备案类型</source>
        <translation>Change filing type</translation>
    </message>
    <message>
        <source>备案类型：{code}（未知）</source>
        <translation>Filing type: {code} (unknown)</translation>
    </message>
    <message>
        <source>&lt;b&gt;备案类型：{label}&lt;/b&gt;&lt;br&gt;{explain}</source>
        <translation>&lt;b&gt;Filing type: {label}&lt;/b&gt;&lt;br&gt;{explain}</translation>
    </message>
    <message>
        <source>&lt;br&gt;系统会预填：{what}</source>
        <translation>&lt;br&gt;The system pre-fills: {what}</translation>
    </message>
    <message>
        <source>&lt;br&gt;接入类备案可能要求原备案的工信部备案密码：提交时当场输入，本程序不保存。</source>
        <translation>&lt;br&gt;Access filings may ask for the MIIT password of the existing record: type it at submission; icpdesk never stores it.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:{colour}&apos;&gt;{word}：{text}&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:{colour}&apos;&gt;{word}: {text}&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>WorkspaceTable</name>
    <message>
        <source>（未填写主体名称）</source>
        <translation>(no principal name yet)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>规则文件有误</source>
        <translation>Broken rules</translation>
    </message>
    <message>
        <source>工作区正在使用</source>
        <translation>Workspace in use</translation>
    </message>
    <message>
        <source>icpdesk: 无法打开工作区：{error}</source>
        <translation>icpdesk: cannot open the workspace: {error}</translation>
    </message>
    <message>
        <source>无法打开工作区</source>
        <translation>Cannot open the workspace</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>{message}
改正：{hint}
依据：{source}（{rule}）</source>
        <translation>{message}
Fix: {hint}
Source: {source} ({rule})</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>（未选）</source>
        <translation>(none chosen)</translation>
    </message>
</context>
<context>
    <name>style</name>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>注意</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>可提交</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>主体名称</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>域名</source>
        <translation>Domains</translation>
    </message>
    <message>
        <source>省份</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>备案类型</source>
        <translation>Filing type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>最后修改</source>
        <translation>Last change</translation>
    </message>
</context>
</TS>
