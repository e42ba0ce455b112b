<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name />
    <message>
      <location filename="../../desktop/views/print_pdf.py" line="21" />
      <location filename="../../desktop/views/printing/page.py" line="272" />
      <source>保存为 PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/table_model.py" line="37" />
      <source>（待确认）</source>
      <translation> (unconfirmed)</translation>
    </message>
    <message>
      <source>上下学交通方式</source>
      <translation>Transport to school</translation>
    </message>
    <message>
      <source>上下学距离（公里）</source>
      <translation>Distance to school (km)</translation>
    </message>
    <message>
      <source>与上级学籍中心联网同步，或用U盘交换加密数据包。</source>
      <translation>Sync online with the higher-level student records centre, or exchange encrypted data packages on a USB drive.</translation>
    </message>
    <message>
      <source>主页地址</source>
      <translation>Home page</translation>
    </message>
    <message>
      <source>五四制（小学5年、初中4年、高中3年）</source>
      <translation>5-4 system (primary 5 years, junior secondary 4, senior secondary 3)</translation>
    </message>
    <message>
      <source>休学</source>
      <translation>Suspended</translation>
    </message>
    <message>
      <source>健康状况</source>
      <translation>Health status</translation>
    </message>
    <message>
      <source>入学年月</source>
      <translation>Enrolment year/month</translation>
    </message>
    <message>
      <source>入学方式</source>
      <translation>Admission mode</translation>
    </message>
    <message>
      <source>六三制（小学6年、初中3年、高中3年）</source>
      <translation>6-3 system (primary 6 years, junior secondary 3, senior secondary 3)</translation>
    </message>
    <message>
      <source>关系</source>
      <translation>Relationship</translation>
    </message>
    <message>
      <source>关系说明</source>
      <translation>Relationship details</translation>
    </message>
    <message>
      <source>出境</source>
      <translation>Abroad</translation>
    </message>
    <message>
      <source>出生地</source>
      <translation>Place of birth</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="177" />
      <source>出生日期</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>列出到期和逾期的事项：转学每方10个工作日、死亡注销60个工作日、建档2个月等。</source>
      <translation>List items that are due or overdue: 10 working days for each school in a transfer, 60 working days for a death deregistration, 2 months to create a record, and so on.</translation>
    </message>
    <message>
      <source>初中</source>
      <translation>Junior secondary</translation>
    </message>
    <message>
      <source>办理休学、复学、转学、死亡注销等学籍变动，按工作日计算期限。</source>
      <translation>Process suspensions, resumptions, transfers, deregistrations after death and other status changes, with deadlines counted in working days.</translation>
    </message>
    <message>
      <source>同步</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>国籍/地区</source>
      <translation>Nationality/region</translation>
    </message>
    <message>
      <source>在籍在读</source>
      <translation>Enrolled</translation>
    </message>
    <message>
      <source>基本信息</source>
      <translation>Basic information</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="38" />
      <location filename="../../desktop/views/sync/panels.py" line="73" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="38" />
      <source>同步状态</source>
      <translation>Sync state</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="73" />
      <source>本机的值</source>
      <translation>Value on this desk</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="73" />
      <source>中心的值</source>
      <translation>Registry value</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="127" />
      <source>提示</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="127" />
      <source>涉及学生</source>
      <translation>Student</translation>
    </message>
    <message>
      <source>姓名拼音</source>
      <translation>Name (pinyin)</translation>
    </message>
    <message>
      <source>学生上下学交通方式</source>
      <translation>Student's transport to and from school</translation>
    </message>
    <message>
      <source>学生个人基础信息</source>
      <translation>Student's basic personal information</translation>
    </message>
    <message>
      <source>学生个人扩展信息</source>
      <translation>Student's extended personal information</translation>
    </message>
    <message>
      <source>学生个人联系信息</source>
      <translation>Student's contact information</translation>
    </message>
    <message>
      <source>学生个人辅助信息</source>
      <translation>Student's supplementary personal information</translation>
    </message>
    <message>
      <source>学生名册</source>
      <translation>Roster</translation>
    </message>
    <message>
      <source>学生学籍基本信息</source>
      <translation>Student record basics</translation>
    </message>
    <message>
      <source>学生来源</source>
      <translation>Student source</translation>
    </message>
    <message>
      <source>学籍变动</source>
      <translation>Status changes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="38" />
      <source>学籍号</source>
      <translation>National student number</translation>
    </message>
    <message>
      <source>学籍档案</source>
      <translation>Paper archive</translation>
    </message>
    <message>
      <source>学籍状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>学籍管理员</source>
      <translation>Registrar</translation>
    </message>
    <message>
      <source>学籍辅号</source>
      <translation>Provincial auxiliary number</translation>
    </message>
    <message>
      <source>审核人</source>
      <translation>Approver</translation>
    </message>
    <message>
      <source>家庭地址</source>
      <translation>Home address</translation>
    </message>
    <message>
      <source>家庭成员</source>
      <translation>Family members</translation>
    </message>
    <message>
      <source>家庭成员或监护人</source>
      <translation>Family members or guardians</translation>
    </message>
    <message>
      <source>寄宿</source>
      <translation>Boarding</translation>
    </message>
    <message>
      <source>小学</source>
      <translation>Primary</translation>
    </message>
    <message>
      <source>就读方式</source>
      <translation>Attendance mode</translation>
    </message>
    <message>
      <source>工作单位</source>
      <translation>Employer</translation>
    </message>
    <message>
      <source>已转出</source>
      <translation>Transferred out</translation>
    </message>
    <message>
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <source>开除学籍</source>
      <translation>Expelled</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="200" />
      <source>待办</source>
      <translation>To-do</translation>
    </message>
    <message>
      <source>待注册</source>
      <translation>Pending registration</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>户口性质</source>
      <translation>Hukou type</translation>
    </message>
    <message>
      <source>户口所在地</source>
      <translation>Household registration (hukou) place</translation>
    </message>
    <message>
      <source>打印</source>
      <translation>Printing</translation>
    </message>
    <message>
      <source>打印学生基本信息表、学籍卡、转学联系表、休学申请表和各类证明。</source>
      <translation>Print student information sheets, student record cards, transfer contact forms, suspension application forms and certificates of all kinds.</translation>
    </message>
    <message>
      <source>按国家学籍系统模板导入、导出 Excel，核对学籍号，统计。</source>
      <translation>Import and export Excel files in the national student record system template, check national student numbers, and produce statistics.</translation>
    </message>
    <message>
      <source>政治面貌</source>
      <translation>Political affiliation</translation>
    </message>
    <message>
      <source>数据交换</source>
      <translation>Data exchange</translation>
    </message>
    <message>
      <source>是否享受一补</source>
      <translation>Receives boarding living subsidy</translation>
    </message>
    <message>
      <source>是否受过学前教育</source>
      <translation>Attended preschool</translation>
    </message>
    <message>
      <source>是否孤儿</source>
      <translation>Orphan</translation>
    </message>
    <message>
      <source>是否烈士或优抚子女</source>
      <translation>Child of a martyr or entitled family</translation>
    </message>
    <message>
      <source>是否独生子女</source>
      <translation>Only child</translation>
    </message>
    <message>
      <source>是否由政府购买学位</source>
      <translation>Government-funded school place</translation>
    </message>
    <message>
      <source>是否留守儿童</source>
      <translation>Left-behind child</translation>
    </message>
    <message>
      <source>是否监护人</source>
      <translation>Guardian</translation>
    </message>
    <message>
      <source>是否进城务工人员随迁子女</source>
      <translation>Migrant worker's child</translation>
    </message>
    <message>
      <source>是否需要乘坐校车</source>
      <translation>Needs school bus</translation>
    </message>
    <message>
      <source>是否需要申请资助</source>
      <translation>Needs financial aid</translation>
    </message>
    <message>
      <source>曾用名</source>
      <translation>Former name</translation>
    </message>
    <message>
      <source>查看</source>
      <translation>Viewer</translation>
    </message>
    <message>
      <source>标记</source>
      <translation>Flags</translation>
    </message>
    <message>
      <source>死亡</source>
      <translation>Deceased</translation>
    </message>
    <message>
      <source>残疾</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>残疾类型</source>
      <translation>Disability type</translation>
    </message>
    <message>
      <source>毕业</source>
      <translation>Graduated</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="242" />
      <source>本学年的升级和毕业已经办理过。</source>
      <translation>This school year's promotion and graduation have already been done.</translation>
    </message>
    <message>
      <source>民族</source>
      <translation>Ethnic group</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/form.py" line="63" />
      <source>添加家庭成员</source>
      <translation>Add family member</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/form.py" line="170" />
      <source>删除此成员</source>
      <translation>Remove this member</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/form.py" line="189" />
      <source>删除家庭成员</source>
      <translation>Remove family member</translation>
    </message>
    <message>
      <source>港澳台侨外</source>
      <translation>HK/Macau/Taiwan/overseas status</translation>
    </message>
    <message>
      <source>特长</source>
      <translation>Special talents</translation>
    </message>
    <message>
      <source>现住址</source>
      <translation>Current address</translation>
    </message>
    <message>
      <source>班内学号</source>
      <translation>Number in class</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="38" />
      <location filename="../../desktop/views/sync/panels.py" line="73" />
      <source>班级</source>
      <translation>Class</translation>
    </message>
    <message>
      <source>电子信箱</source>
      <translation>Email</translation>
    </message>
    <message>
      <source>留守</source>
      <translation>Left-behind</translation>
    </message>
    <message>
      <source>登记纸质学籍档案的存放位置、缺件、借阅和移交。</source>
      <translation>Record where the paper student record files are kept, missing documents, loans and handovers.</translation>
    </message>
    <message>
      <source>籍贯</source>
      <translation>Native place</translation>
    </message>
    <message>
      <source>结业</source>
      <translation>Completed</translation>
    </message>
    <message>
      <source>缓学</source>
      <translation>Deferred</translation>
    </message>
    <message>
      <source>职务</source>
      <translation>Position</translation>
    </message>
    <message>
      <source>联系与扩展</source>
      <translation>Contact and more</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>肄业</source>
      <translation>Left without completing</translation>
    </message>
    <message>
      <source>血型</source>
      <translation>Blood type</translation>
    </message>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>身份证件号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <source>身份证件有效期</source>
      <translation>ID valid until</translation>
    </message>
    <message>
      <source>身份证件类型</source>
      <translation>ID document type</translation>
    </message>
    <message>
      <source>转入中</source>
      <translation>Transferring in</translation>
    </message>
    <message>
      <source>转出中</source>
      <translation>Transferring out</translation>
    </message>
    <message>
      <source>辅助与学籍</source>
      <translation>Supplementary and record</translation>
    </message>
    <message>
      <source>退学</source>
      <translation>Withdrawn</translation>
    </message>
    <message>
      <source>通信地址</source>
      <translation>Mailing address</translation>
    </message>
    <message>
      <source>邮政编码</source>
      <translation>Postcode</translation>
    </message>
    <message>
      <source>随班就读</source>
      <translation>In a regular class</translation>
    </message>
    <message>
      <source>随迁</source>
      <translation>Migrant</translation>
    </message>
    <message>
      <source>高中</source>
      <translation>Senior secondary</translation>
    </message>
    <message>
      <source>女</source>
      <translation>F</translation>
    </message>
    <message>
      <source>男</source>
      <translation>M</translation>
    </message>
    <message>
      <source>专门学校就读</source>
      <translation>Attends a special school</translation>
    </message>
    <message>
      <source>专门学校返回</source>
      <translation>Returns from special school</translation>
    </message>
    <message>
      <source>事项</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>休学期满：办理复学或续休</source>
      <translation>Suspension ends: resume or renew</translation>
    </message>
    <message>
      <source>休学每次最长一年，期满须复学或续休</source>
      <translation>A suspension lasts at most one year; then resume or renew</translation>
    </message>
    <message>
      <source>依据</source>
      <translation>Rule</translation>
    </message>
    <message>
      <source>劝返复学</source>
      <translation>Persuaded back to school</translation>
    </message>
    <message>
      <source>办理转出：审核并在系统中确认转学</source>
      <translation>Transfer out: review and confirm in the national system</translation>
    </message>
    <message>
      <source>升级</source>
      <translation>Promotion</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>变动</source>
      <translation>Change</translation>
    </message>
    <message>
      <source>回国</source>
      <translation>Return from abroad</translation>
    </message>
    <message>
      <source>复学</source>
      <translation>Resumption</translation>
    </message>
    <message>
      <source>学生</source>
      <translation>Student</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="203" />
      <source>审批</source>
      <translation>Approval</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="203" />
      <source>，待</source>
      <translation>, pending </translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="203" />
      <source>上级</source>
      <translation>higher authority</translation>
    </message>
    <message>
      <source>已批准</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>开除</source>
      <translation>Expulsion</translation>
    </message>
    <message>
      <source>待审批</source>
      <translation>Awaiting approval</translation>
    </message>
    <message>
      <source>恢复学籍</source>
      <translation>Record restored</translation>
    </message>
    <message>
      <source>截止</source>
      <translation>Until</translation>
    </message>
    <message>
      <source>截止日期</source>
      <translation>Due date</translation>
    </message>
    <message>
      <source>报学籍主管部门注销学籍（死亡）</source>
      <translation>Report to the authority to cancel the record (death)</translation>
    </message>
    <message>
      <source>新生注册</source>
      <translation>New registration</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>未批准</source>
      <translation>Not approved</translation>
    </message>
    <message>
      <source>死亡学生须在60个工作日内注销学籍</source>
      <translation>A deceased pupil's record is cancelled within 60 working days</translation>
    </message>
    <message>
      <source>状态变化</source>
      <translation>Status change</translation>
    </message>
    <message>
      <source>留级</source>
      <translation>Repeat a grade</translation>
    </message>
    <message>
      <source>续休</source>
      <translation>Suspension renewed</translation>
    </message>
    <message>
      <source>缓学期满入学</source>
      <translation>Enrols after deferral</translation>
    </message>
    <message>
      <source>缓学期满：办理入学或重新申请缓学</source>
      <translation>Deferral ends: enrol or apply again</translation>
    </message>
    <message>
      <source>缓学期限一般为一学年</source>
      <translation>A deferral lasts one school year</translation>
    </message>
    <message>
      <source>调班</source>
      <translation>Class change</translation>
    </message>
    <message>
      <source>跟进转入：等待转出学校和主管部门办理</source>
      <translation>Transfer in: wait for the sending school and the authorities</translation>
    </message>
    <message>
      <source>跳级</source>
      <translation>Skip a grade</translation>
    </message>
    <message>
      <source>转入</source>
      <translation>Transfer in</translation>
    </message>
    <message>
      <source>转入完成</source>
      <translation>Transfer in completed</translation>
    </message>
    <message>
      <source>转出</source>
      <translation>Transfer out</translation>
    </message>
    <message>
      <source>转出完成</source>
      <translation>Transfer out completed</translation>
    </message>
    <message>
      <source>转学各方须在10个工作日内办理</source>
      <translation>Each party of a transfer acts within 10 working days</translation>
    </message>
    <message>
      <source>辍学登记</source>
      <translation>Dropout registered</translation>
    </message>
    <message>
      <source>降级</source>
      <translation>Move down a grade</translation>
    </message>
    <message>
      <source>中外合作项目注册</source>
      <translation>Sino-foreign programme registration</translation>
    </message>
    <message>
      <source>临时学籍号</source>
      <translation>Temporary number</translation>
    </message>
    <message>
      <source>人籍一致</source>
      <translation>Present and registered</translation>
    </message>
    <message>
      <source>休学逾期</source>
      <translation>Suspension overdue</translation>
    </message>
    <message>
      <source>信息不符</source>
      <translation>Data mismatch</translation>
    </message>
    <message>
      <source>劝返次数</source>
      <translation>Visits</translation>
    </message>
    <message>
      <source>在校不在籍</source>
      <translation>Attending, not registered</translation>
    </message>
    <message>
      <source>在籍不在校</source>
      <translation>Registered, not attending</translation>
    </message>
    <message>
      <source>学籍核查</source>
      <translation>Verification</translation>
    </message>
    <message>
      <source>差异</source>
      <translation>Differences</translation>
    </message>
    <message>
      <source>已核查</source>
      <translation>Checked</translation>
    </message>
    <message>
      <source>年龄</source>
      <translation>Age</translation>
    </message>
    <message>
      <source>应在籍</source>
      <translation>On roll</translation>
    </message>
    <message>
      <source>必填项</source>
      <translation>Required item</translation>
    </message>
    <message>
      <source>控辍保学台账</source>
      <translation>Dropout ledger</translation>
    </message>
    <message>
      <source>最近变动</source>
      <translation>Recent changes</translation>
    </message>
    <message>
      <source>检查项</source>
      <translation>Check</translation>
    </message>
    <message>
      <source>特教升级</source>
      <translation>Special-ed promotion</translation>
    </message>
    <message>
      <source>特教毕业</source>
      <translation>Special-ed graduation</translation>
    </message>
    <message>
      <source>特教降级</source>
      <translation>Special-ed move down</translation>
    </message>
    <message>
      <source>疑似重复</source>
      <translation>Possible duplicate</translation>
    </message>
    <message>
      <source>离校日期</source>
      <translation>Left on</translation>
    </message>
    <message>
      <source>空挂学籍</source>
      <translation>Phantom record</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="178" />
      <source>缓学开始</source>
      <translation>Deferred from</translation>
    </message>
    <message>
      <source>缓学期满</source>
      <translation>Deferred until</translation>
    </message>
    <message>
      <source>缓学登记</source>
      <translation>Deferrals</translation>
    </message>
    <message>
      <source>证件号</source>
      <translation>ID number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="127" />
      <source>说明</source>
      <translation>Details</translation>
    </message>
    <message>
      <source>送教上门登记</source>
      <translation>Home teaching registered</translation>
    </message>
    <message>
      <source>送教上门结束</source>
      <translation>Home teaching ended</translation>
    </message>
    <message>
      <source>销号日期</source>
      <translation>Closed on</translation>
    </message>
    <message>
      <source>儿童姓名</source>
      <translation>Child's name</translation>
    </message>
    <message>
      <source>医院证明</source>
      <translation>Hospital certificate</translation>
    </message>
    <message>
      <source>参与人</source>
      <translation>People</translation>
    </message>
    <message>
      <source>家访</source>
      <translation>Home visit</translation>
    </message>
    <message>
      <source>方式</source>
      <translation>Method</translation>
    </message>
    <message>
      <source>电话</source>
      <translation>Phone call</translation>
    </message>
    <message>
      <source>监护人</source>
      <translation>Guardian</translation>
    </message>
    <message>
      <source>缓学原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>联合劝返</source>
      <translation>Joint visit</translation>
    </message>
    <message>
      <source>基础信息变更：在国家学籍系统完成更新</source>
      <translation>Basic information changed: update it in the national system</translation>
    </message>
    <message>
      <source>学生基础学籍信息变更须在1个月内完成更新</source>
      <translation>A change of basic information must be updated within one month</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/batch.py" line="72" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>一个班级</source>
      <translation>One class</translation>
    </message>
    <message>
      <source>一名学生</source>
      <translation>One student</translation>
    </message>
    <message>
      <source>学生基本信息表</source>
      <translation>Student information form</translation>
    </message>
    <message>
      <source>学籍卡</source>
      <translation>Student status card</translation>
    </message>
    <message>
      <source>学籍证明</source>
      <translation>Enrolment certificate</translation>
    </message>
    <message>
      <source>整个年级</source>
      <translation>Whole grade</translation>
    </message>
    <message>
      <source>统计</source>
      <translation>Statistics</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/stats_tab.py" line="101" />
      <location filename="../../desktop/views/sync/panels.py" line="73" />
      <source>项目</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>分年龄统计（周岁，截至当学年8月31日）</source>
      <translation>By age (full years on 31 August of the school year)</translation>
    </message>
    <message>
      <source>分民族统计</source>
      <translation>By ethnicity</translation>
    </message>
    <message>
      <source>分班级统计</source>
      <translation>By class</translation>
    </message>
    <message>
      <source>合计</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>学籍变动（按月）</source>
      <translation>Status changes (by month)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="49" />
      <source>份</source>
      <translation>copies</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="50" />
      <source>页</source>
      <translation>pages</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="138" />
      <source>可选</source>
      <translation>Optional</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="72" />
      <source>（逾期）</source>
      <translation> (overdue)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="118" />
      <source>电子备份</source>
      <translation>Electronic backup</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="119" />
      <source>纸质复印件</source>
      <translation>Paper copies</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="38" />
      <source>已移交</source>
      <translation>Handed over</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="39" />
      <source>齐全</source>
      <translation>Complete</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="39" />
      <source>不齐全</source>
      <translation>Incomplete</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="40" />
      <source>借出中</source>
      <translation>On loan</translation>
    </message>
    <message>
      <source>休学申请（审批）表</source>
      <translation>Suspension application form</translation>
    </message>
    <message>
      <source>复学申请（审批）表</source>
      <translation>Resumption application form</translation>
    </message>
    <message>
      <source>学生在校就读证明</source>
      <translation>Proof of attendance</translation>
    </message>
    <message>
      <source>学籍核查报告</source>
      <translation>Verification report</translation>
    </message>
    <message>
      <source>档案封面及卷内目录</source>
      <translation>Archive cover and contents list</translation>
    </message>
    <message>
      <source>班级学生名册</source>
      <translation>Class roster</translation>
    </message>
    <message>
      <source>转学联系表</source>
      <translation>Transfer form</translation>
    </message>
    <message>
      <source>退学申请表</source>
      <translation>Withdrawal application form</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="76" />
      <source>待上报</source>
      <translation>to report</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="77" />
      <source>全部学生</source>
      <translation>all students</translation>
    </message>
    <message>
      <source>全部行</source>
      <translation>All rows</translation>
    </message>
    <message>
      <source>原值</source>
      <translation>Old value</translation>
    </message>
    <message>
      <source>处理</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>拒绝</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>新值</source>
      <translation>New value</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>New</translation>
    </message>
    <message>
      <source>新增和修改过、尚未上报的学生</source>
      <translation>New and changed students not yet reported</translation>
    </message>
    <message>
      <source>更新</source>
      <translation>Changed</translation>
    </message>
    <message>
      <source>有问题的行</source>
      <translation>Rows with problems</translation>
    </message>
    <message>
      <source>未变</source>
      <translation>Unchanged</translation>
    </message>
    <message>
      <source>行号</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>仅国家系统有</source>
      <translation>Only in the national system</translation>
    </message>
    <message>
      <source>仅本地有</source>
      <translation>Only on this desk</translation>
    </message>
    <message>
      <source>信息不一致</source>
      <translation>Different</translation>
    </message>
    <message>
      <source>国家系统</source>
      <translation>National system</translation>
    </message>
    <message>
      <source>国家系统行号</source>
      <translation>National list row</translation>
    </message>
    <message>
      <source>学籍号带回</source>
      <translation>Student number brought back</translation>
    </message>
    <message>
      <source>学籍号格式不对</source>
      <translation>Malformed student number</translation>
    </message>
    <message>
      <source>本地</source>
      <translation>This desk</translation>
    </message>
    <message>
      <source>标志带回</source>
      <translation>Flag brought back</translation>
    </message>
    <message>
      <source>核对</source>
      <translation>Reconcile</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <source>冲突</source>
      <translation>Conflict</translation>
    </message>
    <message>
      <source>已上报待确认</source>
      <translation>Reported, awaiting confirmation</translation>
    </message>
    <message>
      <source>已确认</source>
      <translation>Confirmed</translation>
    </message>
    <message>
      <source>被退回</source>
      <translation>Returned</translation>
    </message>
    <message>
      <source>不同意</source>
      <translation>Refuse</translation>
    </message>
    <message>
      <source>不同意的理由</source>
      <translation>Reason for refusing</translation>
    </message>
    <message>
      <source>办理中</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>办理期限</source>
      <translation>Due</translation>
    </message>
    <message>
      <source>同意</source>
      <translation>Agree</translation>
    </message>
    <message>
      <source>家长申请改为</source>
      <translation>Guardian asks for</translation>
    </message>
    <message>
      <source>对方学校</source>
      <translation>Other school</translation>
    </message>
    <message>
      <source>已办理</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>已撤回</source>
      <translation>Withdrawn</translation>
    </message>
    <message>
      <source>当前步骤</source>
      <translation>Current step</translation>
    </message>
    <message>
      <source>待办理</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <source>待答复</source>
      <translation>To answer</translation>
    </message>
    <message>
      <source>提交时间</source>
      <translation>Submitted</translation>
    </message>
    <message>
      <source>未同意</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>本校是</source>
      <translation>This school is</translation>
    </message>
    <message>
      <source>查询码</source>
      <translation>Case code</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>现在登记的</source>
      <translation>Registered now</translation>
    </message>
    <message>
      <source>申请学校</source>
      <translation>Applying school</translation>
    </message>
    <message>
      <source>答复</source>
      <translation>Answer</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>转入学校</source>
      <translation>Receiving school</translation>
    </message>
    <message>
      <source>转出学校</source>
      <translation>Sending school</translation>
    </message>
    <message>
      <source>转学</source>
      <translation>Transfer</translation>
    </message>
    <message>
      <source>借出的学籍档案须在约定日期前归还</source>
      <translation>A borrowed archive folder must be returned by the agreed date</translation>
    </message>
    <message>
      <source>催还借出的学籍档案</source>
      <translation>Ask for a borrowed archive folder back</translation>
    </message>
    <message>
      <source>学生基础信息变更须在1个月内完成</source>
      <translation>A change of a pupil's basic information must be done within one month</translation>
    </message>
    <message>
      <source>学籍档案不齐全：补齐缺少的材料</source>
      <translation>Archive folder incomplete: add the missing documents</translation>
    </message>
    <message>
      <source>家长申请修改信息：逐项答复</source>
      <translation>Guardian asks to update details: answer each item</translation>
    </message>
    <message>
      <source>新生学籍档案须在初次入学后2个月内建立</source>
      <translation>A new pupil's archive folder must be complete within two months of enrolment</translation>
    </message>
    <message>
      <source>转学各方须在10个工作日内办理（期限以学籍中心为准）</source>
      <translation>Each party of a transfer acts within 10 working days (the registry's due date applies)</translation>
    </message>
    <message>
      <source>转学申请：答复转入学校（同意或不同意转出）</source>
      <translation>Transfer request: answer the receiving school (agree or refuse)</translation>
    </message>
    <message>
      <source>★ 必填，不填不能保存　　☆ 国家学生基本信息表要求填写，本地规则只建议填写：暂缺也能保存</source>
      <translation>★ required: cannot be saved without it    ☆ asked for by the national form, only recommended by the local rules: can be saved without it</translation>
    </message>
    <message>
      <source>学生信息核对表</source>
      <translation>Student information check sheet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="140" />
      <source>手工</source>
      <translation>by hand</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="148" />
      <source>待对应</source>
      <translation>to match</translation>
    </message>
    <message>
      <source>照片</source>
      <translation>Photos</translation>
    </message>
    <message>
      <source>名单</source>
      <translation>Lists</translation>
    </message>
    <message>
      <source>个人标识码</source>
      <translation>Personal identifier</translation>
    </message>
    <message>
      <source>学前教育匹配名单</source>
      <translation>Preschool matched list</translation>
    </message>
    <message>
      <source>初中入学交接名单</source>
      <translation>Entrance handover list</translation>
    </message>
    <message>
      <source>列</source>
      <translation>Column</translation>
    </message>
  </context>
  <context>
    <name>AppController</name>
    <message>
      <location filename="../../desktop/views/controller.py" line="39" />
      <source>未保存的修改</source>
      <translation>Unsaved changes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/controller.py" line="45" />
      <source>（未填姓名）</source>
      <translation>(no name yet)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/controller.py" line="46" />
      <source>新建学生</source>
      <translation>New student</translation>
    </message>
    <message>
      <location filename="../../desktop/views/controller.py" line="47" />
      <source>学生信息</source>
      <translation>Student information</translation>
    </message>
    <message>
      <location filename="../../desktop/views/controller.py" line="49" />
      <source>继续编辑未保存的修改？</source>
      <translation>Continue editing the unsaved changes?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/controller.py" line="50" />
      <source>{kind}：{name}，{time} 时的内容。</source>
      <translation>{kind}: {name}, as it was at {time}.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/controller.py" line="52" />
      <source>选“否”将放弃这些修改。</source>
      <translation>Choose “No” to discard these changes.</translation>
    </message>
  </context>
  <context>
    <name>ArchivePage</name>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="52" />
      <source>姓名、拼音、首字母、身份证件号或学籍号</source>
      <translation>Name, pinyin, initials, ID number or student number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="114" />
      <source>显示 {n} 名学生</source>
      <translation>Showing {n} students</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="115" />
      <source>（最多显示 {max} 名，请缩小查找范围）</source>
      <translation> (at most {max} shown; narrow the search)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="132" />
      <source>在左侧列表中选择一名学生。</source>
      <translation>Choose a student in the list on the left.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="135" />
      <source>缺 {items}</source>
      <translation>Missing: {items}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/page.py" line="136" />
      <source>必备材料齐全</source>
      <translation>All required documents present</translation>
    </message>
  </context>
  <context>
    <name>AuditDialog</name>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="39" />
      <source>审计日志</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="41" />
      <source>从</source>
      <translation>From</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="41" />
      <source>到</source>
      <translation>To</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="45" />
      <source>记录编号、身份证件号或学籍号</source>
      <translation>Record id, ID number or student number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="49" />
      <source>查询</source>
      <translation>Search</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="50" />
      <source>导出…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="60" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="61" />
      <source>账号</source>
      <translation>Account</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="62" />
      <source>记录</source>
      <translation>Record</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="73" />
      <source>全部账号</source>
      <translation>All accounts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="98" />
      <source>共 {n} 条记录，显示最新的 {m} 条。</source>
      <translation>{n} entries; the latest {m} are shown.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="98" />
      <source>共 {n} 条记录。</source>
      <translation>{n} entries.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="110" />
      <source>已导出 {n} 条审计记录到 </source>
      <translation>Exported {n} audit entries to </translation>
    </message>
    <message>
      <location filename="../../desktop/views/audit_dialog.py" line="113" />
      <source>导出审计日志</source>
      <translation>Export the audit log</translation>
    </message>
  </context>
  <context>
    <name>BackupSection</name>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="53" />
      <source>备份</source>
      <translation>Backups</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="58" />
      <source>立即备份</source>
      <translation>Back up now</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="59" />
      <source>备份位置…</source>
      <translation>Backup location…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="60" />
      <source>恢复默认位置</source>
      <translation>Use the default location</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="61" />
      <source>恢复演练</source>
      <translation>Restore drill</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="68" />
      <source>锁定、退出、导入和学年结转前会自动备份；保留最近7天每天一份、最近4周每周一份。</source>
      <translation>A backup is made automatically on lock and exit and before imports and the year-end; one per day is kept for 7 days and one per week for 4 weeks.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="93" />
      <source>（所选位置不可用，暂用数据库旁的文件夹）</source>
      <translation> (the chosen location is not available; the folder next to the database is used for now)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="94" />
      <source>备份位置：</source>
      <translation>Backup location: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="96" />
      <source>最近一次备份：还没有</source>
      <translation>Last backup: none yet</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="98" />
      <source>最近一次备份：{time}（{name}）</source>
      <translation>Last backup: {time} ({name})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="119" />
      <source>自上次备份以来没有任何更改，最近的备份仍然有效。</source>
      <translation>Nothing changed since the last backup; it is still current.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="121" />
      <source>已备份并校验：</source>
      <translation>Backed up and verified: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="133" />
      <source>备份位置已保存，下一次备份起使用。</source>
      <translation>Backup location saved; it is used from the next backup.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="142" />
      <source>恢复演练通过：备份 {name} 可以完整恢复并打开，完整性检查和审计链校验都通过。</source>
      <translation>Restore drill passed: backup {name} restores completely and opens; the integrity check and the audit chain both verify.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="143" />
      <source>其中有学生 {students} 名、扫描件 {scans} 份、审计记录 {rows} 条。</source>
      <translation>It holds {students} students, {scans} scans and {rows} audit entries.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="144" />
      <source>用时 {seconds} 秒，当前数据库没有被改动。</source>
      <translation>It took {seconds} s; the live database was not touched.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="152" />
      <source>恢复演练没有通过：</source>
      <translation>Restore drill failed: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="153" />
      <source>。请立即备份一次并再做演练，仍不通过请联系技术支持。</source>
      <translation>. Back up now and run the drill again; if it still fails, contact technical support.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/backup_section.py" line="158" />
      <source>备份位置</source>
      <translation>Backup location</translation>
    </message>
    <message>
      <source>正在备份……</source>
      <translation>Backing up…</translation>
    </message>
  </context>
  <context>
    <name>CasesPanel</name>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="47" />
      <source>申请转入…</source>
      <translation>Request transfer in…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="48" />
      <source>同意转出</source>
      <translation>Agree to transfer out</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="49" />
      <source>不同意…</source>
      <translation>Refuse…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="50" />
      <source>撤回申请…</source>
      <translation>Withdraw request…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="51" />
      <source>办理状态和期限以学籍中心为准；本校的答复在下次同步时上报。</source>
      <translation>States and deadlines are the registry's; this school's answers are reported at the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="89" />
      <source>待本校答复</source>
      <translation>Awaiting our answer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="91" />
      <source>已答复，待上报</source>
      <translation>Answered, not yet reported</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="93" />
      <source>（已逾期）</source>
      <translation> (overdue)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="121" />
      <source>原因：{reason}</source>
      <translation>Reason: {reason}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="123" />
      <source>学籍中心退回：{reason}</source>
      <translation>Returned by the registry: {reason}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="125" />
      <source>期限 {due}</source>
      <translation>due {due}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="139" />
      <source>转入申请已保存，将在下次同步时报送学籍中心。</source>
      <translation>The transfer request is saved and goes to the registry at the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="157" />
      <source>不同意转出</source>
      <translation>Refuse the transfer out</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="157" />
      <source>不同意的理由（会告知转入学校）：</source>
      <translation>Reason for refusing (the receiving school will see it):</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="162" />
      <source>已同意转出，将在下次同步时上报。</source>
      <translation>Transfer out agreed; reported at the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="163" />
      <source>已答复不同意转出，将在下次同步时上报。</source>
      <translation>Transfer out refused; reported at the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="169" />
      <source>撤回转入申请</source>
      <translation>Withdraw the transfer request</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="169" />
      <source>撤回的原因：</source>
      <translation>Reason for withdrawing:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/cases_panel.py" line="173" />
      <source>已撤回申请，将在下次同步时上报。</source>
      <translation>Request withdrawn; reported at the next sync.</translation>
    </message>
  </context>
  <context>
    <name>ChangeDialog</name>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="68" />
      <source>学籍变动</source>
      <translation>Status change</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="97" />
      <source>当前状态</source>
      <translation>Current status</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="98" />
      <source>变动类别</source>
      <translation>Change</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="138" />
      <source>变动日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="103" />
      <source>截止日期</source>
      <translation>Due date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="104" />
      <source>新班级</source>
      <translation>New class</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="139" />
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="107" />
      <source>申请人（监护人）</source>
      <translation>Applicant (guardian)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="89" />
      <source>（未附）</source>
      <translation>(not attached)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="90" />
      <source>选择扫描件…</source>
      <translation>Choose a scan…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="100" />
      <source>待审批</source>
      <translation>Awaiting approval</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="105" />
      <source>审批单位</source>
      <translation>Approving unit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="108" />
      <source>与学生关系</source>
      <translation>Relation to pupil</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="109" />
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="116" />
      <source>审批文件扫描件</source>
      <translation>Scan of the approval</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="117" />
      <source>需归档材料</source>
      <translation>Documents to file</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="118" />
      <source>审批</source>
      <translation>Approval</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="138" />
      <source>审批日期</source>
      <translation>Approval date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="139" />
      <source>审批意见</source>
      <translation>Approval opinion</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="142" />
      <source>无</source>
      <translation>None</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="143" />
      <source>待{who}审批</source>
      <translation>Awaiting approval by {who}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="144" />
      <source>学校办理即可</source>
      <translation>The school decides</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="155" />
      <source>选择审批文件扫描件</source>
      <translation>Choose the scan of the approval</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="155" />
      <source>扫描件 (*.jpg *.jpeg *.png *.pdf)</source>
      <translation>Scans (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/dialog.py" line="184" />
      <source>读不出扫描件文件，请重新选择。</source>
      <translation>The scan file cannot be read; choose it again.</translation>
    </message>
  </context>
  <context>
    <name>ChangesPage</name>
    <message>
      <location filename="../../desktop/views/changes/timeline.py" line="59" />
      <source>最近办理的学籍变动。办理新的变动：在学生名册中打开学生，点“学籍变动…”。</source>
      <translation>Latest status changes. To record a new one, open the student from the roster and click "Status change…".</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/timeline.py" line="64" />
      <source>学年末升级和毕业…</source>
      <translation>Year-end promotion and graduation…</translation>
    </message>
  </context>
  <context>
    <name>ChecklistTab</name>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="67" />
      <source>未填</source>
      <translation>Not filled in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="70" />
      <source>保存所选材料</source>
      <translation>Save the selected document</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="71" />
      <source>保存存放位置</source>
      <translation>Save the location</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="73" />
      <source>撤销（Ctrl+Z）</source>
      <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="89" />
      <source>份数</source>
      <translation>Copies</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="90" />
      <source>页数</source>
      <translation>Pages</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="91" />
      <source>收到日期</source>
      <translation>Received on</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="92" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="99" />
      <source>所选材料</source>
      <translation>Selected document</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="99" />
      <source>存放位置</source>
      <translation>Location</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="182" />
      <source>已勾选：</source>
      <translation>Ticked: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="182" />
      <source>已取消勾选：</source>
      <translation>Unticked: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="198" />
      <source>已撤销：</source>
      <translation>Undone: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/checklist.py" line="216" />
      <source>已保存。</source>
      <translation>Saved.</translation>
    </message>
  </context>
  <context>
    <name>ChineseColumns</name>
    <message>
      <location filename="../../desktop/views/widgets/file_dialog.py" line="78" />
      <source>大小</source>
      <translation>Size</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPanel</name>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="74" />
      <source>用我的</source>
      <translation>Keep mine</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="75" />
      <source>用服务器的</source>
      <translation>Use the registry's</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="77" />
      <source>中心已有人修改了这些项目，本机的修改未被采用。请逐项选择保留哪个值：“用我的”会把本机的值重新上报，“用服务器的”会改用中心的值。</source>
      <translation>Someone at the registry changed these items, so the changes made here were not taken. Choose which value to keep for each: “Keep mine” reports this desk's value again, “Use the registry's” takes the registry's value.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="106" />
      <source>请先在列表中选择一条冲突。</source>
      <translation>First choose a conflict in the list.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="114" />
      <source>已保留本机的值，将在下次同步时重新上报。</source>
      <translation>This desk's value is kept and will be reported at the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="115" />
      <source>已改用中心的值。</source>
      <translation>The registry's value is now used.</translation>
    </message>
  </context>
  <context>
    <name>CorrectionDialog</name>
    <message>
      <location filename="../../desktop/views/editor/correction_dialog.py" line="28" />
      <source>更正受控字段</source>
      <translation>Correct controlled items</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/correction_dialog.py" line="32" />
      <source>例如：户口簿登记的姓名为王晓明</source>
      <translation>e.g. the household register gives the name 王晓明</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/correction_dialog.py" line="34" />
      <source>例如：户口簿复印件、出生医学证明</source>
      <translation>e.g. copy of the household register, birth certificate</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/correction_dialog.py" line="39" />
      <source>更正原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/correction_dialog.py" line="40" />
      <source>证明材料</source>
      <translation>Evidence</translation>
    </message>
  </context>
  <context>
    <name>DateInput</name>
    <message>
      <location filename="../../desktop/views/editor/date_input.py" line="41" />
      <source>如 2025-09</source>
      <translation>e.g. 2025-09</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/date_input.py" line="41" />
      <source>如 2020-03-12</source>
      <translation>e.g. 2020-03-12</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/date_input.py" line="43" />
      <source>日历</source>
      <translation>Calendar</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/date_input.py" line="44" />
      <source>从日历中选</source>
      <translation>Pick from a calendar</translation>
    </message>
  </context>
  <context>
    <name>DeferralTab</name>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="180" />
      <source>登记缓学</source>
      <translation>Register deferral</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="181" />
      <source>所选重新申请</source>
      <translation>Re-apply (selected)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="182" />
      <source>所选已入学</source>
      <translation>Enrolled (selected)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="188" />
      <source>缓学儿童暂不注册学籍；期满仍不能入学的须重新申请。</source>
      <translation>Deferred children get no record yet; if a child still cannot attend when the deferral ends, apply again.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="205" />
      <source>已记录。</source>
      <translation>Recorded.</translation>
    </message>
  </context>
  <context>
    <name>EnrollBox</name>
    <message>
      <location filename="../../desktop/views/sync/enroll_box.py" line="16" />
      <source>学籍中心</source>
      <translation>Registry</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/enroll_box.py" line="22" />
      <source>注册本机</source>
      <translation>Enrol this computer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/enroll_box.py" line="26" />
      <source>服务器地址</source>
      <translation>Server address</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/enroll_box.py" line="27" />
      <source>注册码</source>
      <translation>Enrolment code</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/enroll_box.py" line="41" />
      <source>已注册：{school}（{code}），设备编号 {device}</source>
      <translation>Enrolled: {school} ({code}), device {device}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/enroll_box.py" line="44" />
      <source>本机尚未注册。请输入县级学籍管理部门发放的注册码。</source>
      <translation>This computer is not enrolled yet. Type the enrolment code issued by the county education bureau.</translation>
    </message>
  </context>
  <context>
    <name>ExportTab</name>
    <message>
      <source>正在导出照片……</source>
      <translation>Exporting photos…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="38" />
      <source>导出…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="39" />
      <source>导出照片文件夹…</source>
      <translation>Export photo folder…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="42" />
      <source>按国家学籍系统的学生信息模板导出：身份证件号、电话为文本格式，代码列带下拉选项。</source>
      <translation>Exports in the national student-information template: ID numbers and phones as text cells, coded columns with drop-down lists.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="89" />
      <source>已导出 {n} 名学生到 </source>
      <translation>Exported {n} students to </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="105" />
      <source>已导出 {n} 张照片到 </source>
      <translation>Exported {n} photos to </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="108" />
      <source>照片导出到</source>
      <translation>Export photos to</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/export_tab.py" line="111" />
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>正在导出……</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <source>Excel 97-2003 工作簿 (*.xls)</source>
      <translation>Excel 97-2003 workbook (*.xls)</translation>
    </message>
  </context>
  <context>
    <name>GuardianPanel</name>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="44" />
      <source>提交答复</source>
      <translation>Submit answer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="46" />
      <source>家长通过学籍中心申请修改联系方式等信息。请核实后逐项答复；同意的项目由学籍中心更新后同步回本机。</source>
      <translation>Guardians ask through the registry to update contact details. Check them and answer each item; the registry updates the accepted items and they come back with the next sync.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="73" />
      <source>已答复</source>
      <translation>Answered</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="74" />
      <source>已答复，待上报</source>
      <translation>Answered, not yet reported</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="74" />
      <source>待答复</source>
      <translation>To answer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="84" />
      <source>监护人电话：{phone}</source>
      <translation>Guardian's phone: {phone}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="93" />
      <source>同意</source>
      <translation>Agree</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="94" />
      <source>不同意</source>
      <translation>Refuse</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/guardian_panel.py" line="128" />
      <source>答复已保存，将在下次同步时上报学籍中心。</source>
      <translation>Answer saved; it goes to the registry at the next sync.</translation>
    </message>
  </context>
  <context>
    <name>HandoverTab</name>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="135" />
      <source>已备份保留电子学籍档案</source>
      <translation>Electronic archive backed up and kept</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="136" />
      <source>已保留必要的纸质档案复印件</source>
      <translation>Copies of the necessary paper documents kept</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="138" />
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="138" />
      <source>移交日期</source>
      <translation>Handover date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="139" />
      <source>接收单位</source>
      <translation>Receiving unit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="139" />
      <source>移交人</source>
      <translation>Handed over by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="140" />
      <source>接收人</source>
      <translation>Received by</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="140" />
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="147" />
      <source>登记移交…</source>
      <translation>Record handover…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="165" />
      <source>登记后这份档案即视为已移交给“{receiver}”，不能再借出。确定登记吗？</source>
      <translation>Once recorded, this archive counts as handed over to “{receiver}” and cannot be lent any more. Record it?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="168" />
      <source>已登记移交。</source>
      <translation>Handover recorded.</translation>
    </message>
  </context>
  <context>
    <name>ImportTab</name>
    <message>
      <source>正在读取 {name}……</source>
      <translation>Reading {name}…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="64" />
      <source>选择 Excel 文件…</source>
      <translation>Choose Excel file…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="65" />
      <source>按国家学籍系统的学生信息模板导入；导入前先预览，不会直接写入。</source>
      <translation>Imports the national student-information template. You see a preview first; nothing is written until you confirm.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="73" />
      <source>只导入没有问题的行（有问题的行不导入）</source>
      <translation>Import only the rows without problems (rows with problems are left out)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="74" />
      <location filename="../../desktop/views/exchange/import_tab.py" line="297" />
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="75" />
      <source>保存错误报告…</source>
      <translation>Save error report…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="77" />
      <source>这些班级名称看不出年级，请选择：</source>
      <translation>The grade of these classes cannot be read from their names; choose it:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="141" />
      <source>请为这些列选择对应的项目或“不导入”：</source>
      <translation>Choose the item each of these columns holds, or “leave out”: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="195" />
      <source>共 {n} 行：</source>
      <translation>{n} rows: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="197" />
      <source>将新建班级：</source>
      <translation>Classes to be created: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="199" />
      <source>已按导入模板“{name}”读取。</source>
      <translation>Read with the template profile “{name}”.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="203" />
      <source>不导入的列：</source>
      <translation>Columns not imported: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="205" />
      <source>请先在上面说明这些列，才能导入：</source>
      <translation>Say above what these columns hold before importing: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="222" />
      <source>按所选年级重新预览</source>
      <translation>Preview again with these grades</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="261" />
      <source>将新增 {new} 名学生、更新 {changed} 名学生的信息。确定导入吗？</source>
      <translation>This adds {new} students and updates {changed} students. Import?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="275" />
      <source>已导入：新增 {new} 名，更新 {changed} 名。</source>
      <translation>Imported: {new} new, {changed} updated.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="291" />
      <source>已保存错误报告（{n} 行有问题）到 </source>
      <translation>Saved the error report ({n} rows with problems) to </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="300" />
      <source>选择要导入的 Excel 文件</source>
      <translation>Choose the Excel file to import</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/import_tab.py" line="303" />
      <source>保存错误报告</source>
      <translation>Save error report</translation>
    </message>
  </context>
  <context>
    <name>LayoutBox</name>
    <message>
      <location filename="../../desktop/views/exchange/layout_box.py" line="43" />
      <location filename="../../desktop/views/exchange/layout_box.py" line="89" />
      <source>这个文件的列与国家模板不同，请说明：</source>
      <translation>This file's columns differ from the national template. Please say:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/layout_box.py" line="90" />
      <source>这个文件用班号写班级，请说明各是本校哪个班：</source>
      <translation>This file gives classes by code. Please say which of this school's classes each is:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/layout_box.py" line="48" />
      <source>填写名称即保存为导入模板，下次同样表头的文件自动套用</source>
      <translation>Give a name to save this as a template profile; the next file with the same headers uses it</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/layout_box.py" line="49" />
      <source>按所选重新预览</source>
      <translation>Preview again with these choices</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/layout_box.py" line="53" />
      <source>导入模板名称：</source>
      <translation>Template profile name:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/layout_box.py" line="81" />
      <source>列“{header}”</source>
      <translation>Column “{header}”</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/layout_box.py" line="87" />
      <source>班号“{code}”是</source>
      <translation>Class code “{code}” is</translation>
    </message>
  </context>
  <context>
    <name>LedgerTab</name>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="129" />
      <source>身份证件号或学籍号</source>
      <translation>ID number or student number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="139" />
      <source>记录劝返</source>
      <translation>Record visit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="142" />
      <source>办理“辍学登记”即建档，“劝返复学”即销号。</source>
      <translation>Registering a dropout opens a case; persuading the pupil back closes it.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="156" />
      <source>已记录。</source>
      <translation>Recorded.</translation>
    </message>
  </context>
  <context>
    <name>ListsTab</name>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="32" />
      <source>导入学前教育匹配名单…</source>
      <translation>Import the preschool matched list…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="33" />
      <source>导入初中入学交接名单…</source>
      <translation>Import the entrance handover list…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="34" />
      <source>导出本校小学毕业生交接名单…</source>
      <translation>Export this school's handover list of leaving pupils…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="36" />
      <source>录取学校标识码（可不填）</source>
      <translation>Admitting school code (optional)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="40" />
      <source>学前教育匹配名单中的姓名、性别、出生日期、身份证件类型、身份证件号导入后成为受控字段，只能按“更正受控字段”办理。名单有一行有问题就整份不导入。</source>
      <translation>The name, sex, date of birth, ID type and ID number on the preschool matched list become controlled items once imported; they change only through “Correct controlled items”. A list with one wrong row is not imported at all.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="58" />
      <source>选择名单文件</source>
      <translation>Choose the list file</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="75" />
      <source>新增 {a} 名，与已有学生对应 {b} 名，已导入过 {c} 名。</source>
      <translation>{a} new, {b} matching students already here, {c} imported before.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="78" />
      <source>名单有问题，没有导入任何记录：</source>
      <translation>The list has problems; nothing was imported: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="80" />
      <source>已导入：</source>
      <translation>Imported: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="85" />
      <source>保存交接名单</source>
      <translation>Save the handover list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/lists_tab.py" line="98" />
      <source>已导出 {n} 名学生的交接名单到 </source>
      <translation>Exported the handover list of {n} students to </translation>
    </message>
    <message>
      <source>为所选学生建立学籍…</source>
      <translation>Start the record of the selected pupil…</translation>
    </message>
    <message>
      <source>名单中还没有建立学籍的学生：{n} 名（选中后点“为所选学生建立学籍”，名单上的项目已填好）</source>
      <translation>Listed pupils without a record yet: {n} (select one and click “Start the record of the selected pupil”; the items on the list are filled in)</translation>
    </message>
  </context>
  <context>
    <name>LoansTab</name>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="85" />
      <source>借阅人</source>
      <translation>Borrower</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="85" />
      <source>事由</source>
      <translation>Purpose</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="86" />
      <source>应还日期</source>
      <translation>Due date</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="89" />
      <source>借出</source>
      <translation>Lend</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="90" />
      <source>归还</source>
      <translation>Return</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="106" />
      <source>已登记借出。</source>
      <translation>Loan recorded.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="111" />
      <source>这份档案没有借出。</source>
      <translation>This archive is not on loan.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/custody.py" line="114" />
      <source>已登记归还。</source>
      <translation>Return recorded.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/views/main_window.py" line="135" />
      <source>用户：</source>
      <translation>User: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="139" />
      <source>锁定</source>
      <translation>Lock</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="140" />
      <source>查找</source>
      <translation>Find</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="141" />
      <source>新建学生</source>
      <translation>New student</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="143" />
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="152" />
      <source>打开其他学校数据库…</source>
      <translation>Open another school's database…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="154" />
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="160" />
      <source>打开其他学校数据库</source>
      <translation>Open another school's database</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="160" />
      <source>学籍数据库 (*.db)</source>
      <translation>Student-status databases (*.db)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="200" />
      <source>{n} 项逾期</source>
      <translation>{n} overdue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="202" />
      <source>有 {n} 项已过期限，点此查看</source>
      <translation>{n} items are past due; click to see them</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="206" />
      <source>从未同步</source>
      <translation>never</translation>
    </message>
    <message>
      <location filename="../../desktop/views/main_window.py" line="207" />
      <source>待同步 {n} 项 · 上次同步：{last}</source>
      <translation>Waiting to sync: {n} · Last sync: {last}</translation>
    </message>
  </context>
  <context>
    <name>PhotoTab</name>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="52" />
      <source>选择照片文件夹…</source>
      <translation>Choose the photo folder…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="54" />
      <source>选择相机或照相馆给的照片文件夹；原照片只读取，不会改动。</source>
      <translation>Choose the folder of photos from the camera or the photo shop; the originals are only read, never changed.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="57" />
      <location filename="../../desktop/views/exchange/photo_tab.py" line="162" />
      <source>照片</source>
      <translation>Photos</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="62" />
      <source>对应到这名学生</source>
      <translation>Match to this student</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="64" />
      <source>按班打包导出…</source>
      <translation>Export zipped per class…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="78" />
      <source>班级：</source>
      <translation>Class:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="83" />
      <source>逐个对应：选中照片，再选学生</source>
      <translation>Match one by one: select a photo, then the student</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="105" />
      <source>全部班级</source>
      <translation>All classes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="115" />
      <source>选择照片文件夹</source>
      <translation>Choose the photo folder</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="169" />
      <source>整理并保存到学籍（{n} 张）</source>
      <translation>Prepare and store in the register ({n} photos)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="177" />
      <source>正在整理照片…</source>
      <translation>Preparing photos…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="180" />
      <source>已停止；停止前的照片已保存。</source>
      <translation>Stopped; the photos done before stopping are stored.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="186" />
      <source>已保存 {n} 张照片（26×32 mm，小于 60 KB）。</source>
      <translation>Stored {n} photos (26×32 mm, under 60 KB).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="188" />
      <source>这些文件读不出，未保存：</source>
      <translation>These files could not be read and were not stored: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="193" />
      <source>选择保存压缩包的文件夹</source>
      <translation>Choose the folder for the zip files</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="197" />
      <source>正在打包…</source>
      <translation>Zipping…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="200" />
      <source>已停止打包。</source>
      <translation>Zipping stopped.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/photo_tab.py" line="206" />
      <source>已按班打包 {n} 个压缩包到 </source>
      <translation>Wrote {n} zip files, one per class, to </translation>
    </message>
  </context>
  <context>
    <name>PlaceholderPage</name>
    <message>
      <location filename="../../desktop/views/placeholder.py" line="23" />
      <source>“{title}”功能尚未开放。</source>
      <translation>"{title}" is not available yet.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/placeholder.py" line="24" />
      <source>开放后可以：</source>
      <translation>Once available, you can: </translation>
    </message>
  </context>
  <context>
    <name>PrintPage</name>
    <message>
      <source>还没有预览。

在左边选择文书和打印范围（一名学生、一个班级或整个年级），再按“预览”查看；
也可以直接按“打印…”或“保存为 PDF…”。</source>
      <translation>No preview yet.

Choose a document and whom to print it for on the left (one student, a class or a whole grade), then press “Preview”;
or press “Print…” or “Save as PDF…” straight away.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="73" />
      <source>文书</source>
      <translation>Document</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="80" />
      <source>打印范围</source>
      <translation>Print for</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="83" />
      <source>输入姓名、拼音、身份证件号或学籍号</source>
      <translation>Type a name, pinyin, ID number or student number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="88" />
      <source>名册、台账显示完整身份证件号</source>
      <translation>Full ID numbers on rosters and ledgers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="91" />
      <source>查看账号不能打印完整的证件号</source>
      <translation>Viewer accounts cannot print full ID numbers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="114" />
      <source>预览</source>
      <translation>Preview</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="115" />
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="116" />
      <source>保存为 PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="216" />
      <source>正在生成“{title}”…</source>
      <translation>Making “{title}”…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="221" />
      <source>已取消，没有生成任何内容。</source>
      <translation>Cancelled; nothing was made.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="230" />
      <source>预览：共 {n} 页。</source>
      <translation>Preview: {n} pages.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="242" />
      <source>正在发送到打印机…</source>
      <translation>Sending to the printer…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="245" />
      <source>已取消打印。</source>
      <translation>Printing cancelled.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="247" />
      <source>已发送到打印机：共 {n} 页。</source>
      <translation>Sent to the printer: {n} pages.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/printing/page.py" line="264" />
      <source>已保存到 </source>
      <translation>Saved to </translation>
    </message>
  </context>
  <context>
    <name>ReconcileTab</name>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="37" />
      <source>选择国家系统导出的名单…</source>
      <translation>Choose the national system's list…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="39" />
      <source>用国家学籍系统导出的学生名单核对：带回正式学籍号和标志，列出两边所有不一致之处。</source>
      <translation>Reconcile with a student list exported from the national system: brings back official student numbers and flags, and lists every difference between the two sides.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="42" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="46" />
      <source>带回学籍号和标志</source>
      <translation>Bring back numbers and flags</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="47" />
      <source>保存差异清单…</source>
      <translation>Save the differences…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="92" />
      <source>{file}：{rows} 行，匹配 {matched} 名。</source>
      <translation>{file}: {rows} rows, {matched} students matched. </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="111" />
      <source>将带回 {numbers} 个学籍号、{flags} 项标志，写入 {n} 名学生的记录。确定吗？</source>
      <translation>This brings back {numbers} student numbers and {flags} flags into the records of {n} students. Continue?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="123" />
      <source>已写入 {n} 名学生的学籍号和标志。</source>
      <translation>Student numbers and flags written for {n} students.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="138" />
      <source>已保存到 </source>
      <translation>Saved to </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="141" />
      <source>核对</source>
      <translation>Reconcile</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="144" />
      <source>选择国家系统导出的名单</source>
      <translation>Choose the national system's list</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/reconcile_tab.py" line="147" />
      <source>保存差异清单</source>
      <translation>Save the differences</translation>
    </message>
    <message>
      <source>正在核对……</source>
      <translation>Reconciling…</translation>
    </message>
  </context>
  <context>
    <name>RecoveryResetDialog</name>
    <message>
      <location filename="../../desktop/views/recovery_reset.py" line="29" />
      <source>用恢复密钥重设密码</source>
      <translation>Reset password with the recovery key</translation>
    </message>
    <message>
      <location filename="../../desktop/views/recovery_reset.py" line="37" />
      <source>账号</source>
      <translation>Account</translation>
    </message>
    <message>
      <location filename="../../desktop/views/recovery_reset.py" line="38" />
      <source>恢复密钥</source>
      <translation>Recovery key</translation>
    </message>
    <message>
      <location filename="../../desktop/views/recovery_reset.py" line="39" />
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/recovery_reset.py" line="40" />
      <source>再输入一次</source>
      <translation>Repeat</translation>
    </message>
    <message>
      <location filename="../../desktop/views/recovery_reset.py" line="43" />
      <source>输入保存在学校保险柜中的恢复密钥，为账号设置新密码。</source>
      <translation>Type the recovery key kept in the school safe to set a new password for the account.</translation>
    </message>
  </context>
  <context>
    <name>RegionPicker</name>
    <message>
      <location filename="../../desktop/views/editor/region_picker.py" line="19" />
      <source>12位代码</source>
      <translation>12-digit code</translation>
    </message>
  </context>
  <context>
    <name>RosterPage</name>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="70" />
      <source>姓名、拼音、首字母、身份证件号或学籍号（Ctrl+F 查找，Esc 清除）</source>
      <translation>Name, pinyin, initials, ID number or student number (Ctrl+F to find, Esc to clear)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="77" />
      <source>显示完整证件号</source>
      <translation>Show full ID numbers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="80" />
      <source>查看账号不能显示完整的证件号</source>
      <translation>Viewer accounts cannot show full ID numbers</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="81" />
      <source>新建学生（Ctrl+N）</source>
      <translation>New student (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="91" />
      <source>年级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="91" />
      <source>班级</source>
      <translation>Class</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="92" />
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="147" />
      <location filename="../../desktop/views/roster/page.py" line="148" />
      <location filename="../../desktop/views/roster/page.py" line="160" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="172" />
      <source>共 {n} 名学生</source>
      <translation>Students: {n}</translation>
    </message>
  </context>
  <context>
    <name>RosterTable</name>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="48" />
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <location filename="../../desktop/views/roster/page.py" line="49" />
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
  </context>
  <context>
    <name>ScansTab</name>
    <message>
      <location filename="../../desktop/views/archive/scans.py" line="36" />
      <source>添加扫描件…</source>
      <translation>Add scan…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/scans.py" line="37" />
      <source>另存为…</source>
      <translation>Save as…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/scans.py" line="86" />
      <source>已添加扫描件。</source>
      <translation>Scan added.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/scans.py" line="96" />
      <source>请先在列表中选择一份扫描件。</source>
      <translation>First choose a scan in the list.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/scans.py" line="103" />
      <source>已保存到 {path}</source>
      <translation>Saved to {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/scans.py" line="113" />
      <source>选择扫描件</source>
      <translation>Choose a scan</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/scans.py" line="113" />
      <source>扫描件 (*.jpg *.jpeg *.png *.pdf)</source>
      <translation>Scans (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/archive/scans.py" line="116" />
      <source>扫描件另存为</source>
      <translation>Save scan as</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="42" />
      <source> 分钟</source>
      <translation> min</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="52" />
      <source>M月d日</source>
      <translation>d MMM</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="64" />
      <source>无操作自动锁定</source>
      <translation>Lock when idle for</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="65" />
      <source>文字大小</source>
      <translation>Text size</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="66" />
      <source>界面语言（重启后生效）</source>
      <translation>Language (after restart)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="67" />
      <source>学年结束日期（此日起可办理学年末升级和毕业）</source>
      <translation>End of the school year (promotion and graduation can be done from this day)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="68" />
      <source>修改当前账号的密码</source>
      <translation>Change the password of this account</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="69" />
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="70" />
      <source>再输入一次</source>
      <translation>Confirm password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="71" />
      <source>修改密码</source>
      <translation>Change password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="73" />
      <source>显示恢复密钥</source>
      <translation>Show recovery key</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="75" />
      <source>恢复密钥</source>
      <translation>Recovery key</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="77" />
      <source>查看和导出…</source>
      <translation>View and export…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="80" />
      <source>审计日志</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <location filename="../../desktop/views/settings_page.py" line="114" />
      <source>密码已修改。数据库文件没有改写。</source>
      <translation>Password changed. The database file was not rewritten.</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="39" />
      <source>首次使用</source>
      <translation>First-time setup</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="49" />
      <source>上一步</source>
      <translation>Back</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="50" />
      <location filename="../../desktop/views/setup_wizard.py" line="155" />
      <source>下一步</source>
      <translation>Next</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="90" />
      <source>欢迎使用学籍管理。先填写本校的基本信息。</source>
      <translation>Welcome to Student Records. First, enter your school's basic information.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="91" />
      <source>10位数字，见学籍系统</source>
      <translation>10 digits, from the national system</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="92" />
      <source>与学校公章一致</source>
      <translation>As on the school's official seal</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="101" />
      <source>学校标识码</source>
      <translation>School code</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="102" />
      <source>学校名称</source>
      <translation>School name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="103" />
      <source>学制</source>
      <translation>School system</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="104" />
      <source>本校学段</source>
      <translation>Stages at this school</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="110" />
      <source>建立第一个学籍管理员账号。密码至少8位，包含字母、数字、符号中的至少两种。</source>
      <translation>Create the first registrar account. The password must be at least 8 characters and contain at least two of: letters, digits, symbols.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="116" />
      <source>账号名</source>
      <translation>Account name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="117" />
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="118" />
      <source>再输入一次</source>
      <translation>Confirm password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="125" />
      <source>数据库已创建。下面是恢复密钥：忘记密码或密钥文件丢失时，只有它能打开数据库。请打印或抄写下来，放入学校保险柜。</source>
      <translation>The database has been created. Below is the recovery key: if the password is forgotten or the key file is lost, only this key can open the database. Print it or write it down, and keep it in the school safe.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="137" />
      <source>保存为 PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="138" />
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="145" />
      <source>我已把恢复密钥打印或抄写下来，并放在安全的地方</source>
      <translation>I have printed or written down the recovery key and put it in a safe place</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="152" />
      <source>第{n}步/共{total}步：</source>
      <translation>Step {n} of {total}: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="155" />
      <source>完成</source>
      <translation>Finish</translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="214" />
      <source>已保存到 </source>
      <translation>Saved to </translation>
    </message>
    <message>
      <location filename="../../desktop/views/setup_wizard.py" line="215" />
      <source>。打印后请删除这个文件。</source>
      <translation>. Delete this file after printing.</translation>
    </message>
  </context>
  <context>
    <name>StatesPanel</name>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="46" />
      <source>显示</source>
      <translation>Show</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/panels.py" line="58" />
      <source>共 {n} 名学生</source>
      <translation>{n} students</translation>
    </message>
  </context>
  <context>
    <name>StatisticsTab</name>
    <message>
      <location filename="../../desktop/views/exchange/stats_tab.py" line="48" />
      <source>导出为 Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/stats_tab.py" line="146" />
      <source>已导出到 </source>
      <translation>Exported to </translation>
    </message>
    <message>
      <location filename="../../desktop/views/exchange/stats_tab.py" line="149" />
      <source>导出统计</source>
      <translation>Export statistics</translation>
    </message>
    <message>
      <source>正在统计……</source>
      <translation>Counting…</translation>
    </message>
  </context>
  <context>
    <name>StudentEditor</name>
    <message>
      <location filename="../../desktop/views/editor/id_number.py" line="54" />
      <source>本校还没有这个证件号的学生。</source>
      <translation>This school has no student with this ID number yet.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/id_number.py" line="56" />
      <source>已按证件号填写：{items}。</source>
      <translation>Filled in from the ID number: {items}.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="94" />
      <source>打开这名学生的记录</source>
      <translation>Open this student's record</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="106" />
      <source>新建学生</source>
      <translation>New student</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="106" />
      <source>学生信息</source>
      <translation>Student information</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="113" />
      <source>变动记录</source>
      <translation>History</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="121" />
      <source>照片
26×32 mm</source>
      <translation>Photo
26×32 mm</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="122" />
      <source>导入照片…</source>
      <translation>Import photo…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="126" />
      <source>学籍变动…</source>
      <translation>Status change…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="176" />
      <source>撤销</source>
      <translation>Undo</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="177" />
      <source>重做</source>
      <translation>Redo</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="184" />
      <source>保存（Ctrl+S）</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="186" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="217" />
      <source>{items}是受控字段：已与学前教育匹配名单对应，只能按“更正受控字段”办理（写明原因、附证明材料）。</source>
      <translation>{items} are controlled items: they match the preschool list and change only through “Correct controlled items” (with the reason and evidence).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="224" />
      <source>更正受控字段…</source>
      <translation>Correct controlled items…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/id_number.py" line="39" />
      <source>与证件号不一致：证件号中为 {value}</source>
      <translation>Differs from the ID number, which says {value}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/id_number.py" line="49" />
      <source>本校已有这个证件号的学生：{who}。一人只能有一个学籍，请打开那条记录，不要再新建。</source>
      <translation>This school already has a student with this ID number: {who}. One person has one record: open that record instead of creating a new one.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="277" />
      <source>有 {n} 处需要修改，见各项下方的红字。</source>
      <translation>Items to correct: {n}. See the red text under each item.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="329" />
      <source>已有姓名、出生日期、性别都相同的学生，可能是同一个人（一人只能有一个学籍）：</source>
      <translation>A student with the same name, date of birth and sex already exists and may be the same person (a student can have only one student record):</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="330" />
      <source>确定不是同一个人，仍然保存吗？</source>
      <translation>Are you sure this is a different person? Save anyway?</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="331" />
      <source>可能重复</source>
      <translation>Possible duplicate</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="357" />
      <source>选择照片</source>
      <translation>Choose photo</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="357" />
      <source>图片 (*.jpg *.jpeg *.png)</source>
      <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="379" />
      <location filename="../../desktop/views/editor/dialog.py" line="386" />
      <source>放弃修改</source>
      <translation>Discard changes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/editor/dialog.py" line="380" />
      <location filename="../../desktop/views/editor/dialog.py" line="387" />
      <source>有尚未保存的修改，确定放弃吗？</source>
      <translation>There are unsaved changes. Discard them?</translation>
    </message>
    <message>
      <source>{items}来自学前教育匹配名单（受控字段），不能在这里修改；名单有误时请在国家学籍系统中更正名单，再重新导入。</source>
      <translation>{items} come from the preschool matched list (controlled items) and cannot be changed here; if the list is wrong, have it corrected in the national student registry system and import it again.</translation>
    </message>
    <message>
      <source>{items}来自初中入学交接名单；保存后学籍号取名单上的个人标识码 {xjh}。</source>
      <translation>{items} come from the entrance handover list; when saved, the student number becomes the list's personal identifier {xjh}.</translation>
    </message>
  </context>
  <context>
    <name>SyncPage</name>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="88" />
      <source>学生同步状态</source>
      <translation>Students' sync state</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="88" />
      <source>冲突</source>
      <translation>Conflicts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="89" />
      <source>一人多籍提示</source>
      <translation>Duplicate registrations</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="89" />
      <location filename="../../desktop/views/sync/page.py" line="152" />
      <source>转学与审批</source>
      <translation>Transfers and approvals</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="90" />
      <location filename="../../desktop/views/sync/page.py" line="155" />
      <source>家长申请</source>
      <translation>Guardian requests</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="101" />
      <source>立即同步</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="102" />
      <source>打印待上报清单…</source>
      <translation>Print the pending changes…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="115" />
      <source>能连接学籍中心时自动同步，每隔</source>
      <translation>Sync automatically when the registry is reachable, every</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="117" />
      <source> 分钟</source>
      <translation> minutes</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="128" />
      <source>导出U盘数据包…</source>
      <translation>Export USB bundle…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="129" />
      <source>导入回执数据包…</source>
      <translation>Import reply bundle…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="133" />
      <source>没有网络时：</source>
      <translation>Without a network: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="144" />
      <source>待上报 {a} 条 · 待确认 {b} 条 · 冲突 {c} 项</source>
      <translation>{a} to report · {b} awaiting confirmation · {c} conflicts</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="146" />
      <source>冲突（{n}）</source>
      <translation>Conflicts ({n})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="147" />
      <source>一人多籍提示（{n}）</source>
      <translation>Duplicate registrations ({n})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="151" />
      <source>转学与审批（{n} 项待答复）</source>
      <translation>Transfers and approvals ({n} to answer)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="154" />
      <source>家长申请（{n}）</source>
      <translation>Guardian requests ({n})</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="169" />
      <source>从未同步</source>
      <translation>Never synced</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="169" />
      <source>上次同步：</source>
      <translation>Last sync: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="174" />
      <source>；最近一次未完成：</source>
      <translation>; the last one did not finish: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="177" />
      <source>，全部已确认</source>
      <translation>, all confirmed</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="178" />
      <source>，{n} 条待确认</source>
      <translation>, {n} awaiting confirmation</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="192" />
      <source>正在注册…</source>
      <translation>Enrolling…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="206" />
      <source>正在同步…</source>
      <translation>Syncing…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="227" />
      <source>已发送到打印机。</source>
      <translation>Sent to the printer.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="249" />
      <source>已导出U盘数据包（含 {n} 条待确认的变更）：{path}。请交县级学籍管理部门导入，再导入带回的回执数据包。</source>
      <translation>USB bundle exported ({n} changes awaiting confirmation): {path}. Take it to the county education bureau for import, then import the reply bundle you bring back.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="278" />
      <source>已导入回执数据包：采用 {applied}，重复 {duplicate}，退回 {rejected}，冲突 {conflict}，暂存 {held}，接收 {received} 条。</source>
      <translation>Reply bundle imported: {applied} applied, {duplicate} duplicate, {rejected} returned, {conflict} conflicts, {held} held, {received} received.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="286" />
      <source>正在同步，请等同步结束后再操作数据包。</source>
      <translation>A sync is running; wait for it to finish before handling bundles.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="291" />
      <source>导出U盘数据包</source>
      <translation>Export USB bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="291" />
      <location filename="../../desktop/views/sync/page.py" line="295" />
      <source>学籍数据包</source>
      <translation>Student-status bundles</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="295" />
      <source>导入回执数据包</source>
      <translation>Import reply bundle</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="328" />
      <source>已在学籍中心注册：{school}（{code}）。</source>
      <translation>Enrolled with the registry: {school} ({code}).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="343" />
      <source>正在上报：{done}/{total}</source>
      <translation>Reporting: {done}/{total}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="345" />
      <source>正在接收中心数据：{done} 条</source>
      <translation>Receiving from the registry: {done} items</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="349" />
      <source>同步完成：上报 {sent} 条（采用 {applied}，重复 {duplicate}，退回 {rejected}，冲突 {conflict}，暂存 {held}），接收 {pulled} 条。</source>
      <translation>Sync done: {sent} sent ({applied} applied, {duplicate} duplicate, {rejected} returned, {conflict} conflicts, {held} held), {pulled} received.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/page.py" line="281" />
      <location filename="../../desktop/views/sync/page.py" line="352" />
      <source>还有 {n} 条变更未得到中心确认。</source>
      <translation>{n} changes are not yet confirmed by the registry.</translation>
    </message>
    <message>
      <source>正在导出U盘数据包……</source>
      <translation>Writing the USB bundle…</translation>
    </message>
    <message>
      <source>正在导入回执数据包……</source>
      <translation>Reading the reply bundle…</translation>
    </message>
  </context>
  <context>
    <name>TasksPage</name>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="102" />
      <source>按姓名、证件号或学籍号查找</source>
      <translation>Find by name, ID number or student number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="104" />
      <source>只看逾期</source>
      <translation>Overdue only</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="112" />
      <source>班级</source>
      <translation>Class</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="153" />
      <source>全部事项</source>
      <translation>All items</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="159" />
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="167" />
      <source>{n} 项</source>
      <translation>{n} items</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="169" />
      <source>，逾期 {m} 项</source>
      <translation>, {m} overdue</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="187" />
      <source>共 {n} 项待办，其中逾期 {m} 项。</source>
      <translation>To-do items: {n}, overdue: {m}.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="189" />
      <source>显示 {k} 项。</source>
      <translation>{k} shown.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="209" />
      <source>（估算）</source>
      <translation> (estimated)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/tasks_page.py" line="211" />
      <source>逾期 </source>
      <translation>Overdue </translation>
    </message>
  </context>
  <context>
    <name>TransferInDialog</name>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="34" />
      <source>申请转入</source>
      <translation>Request transfer in</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="35" />
      <source>18位身份证号，或以G、J、L开头的学籍号</source>
      <translation>18-digit ID number, or a student number starting with G, J or L</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="37" />
      <source>10位学校标识码</source>
      <translation>10-digit school code</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="41" />
      <source>例如：随父母工作调动</source>
      <translation>e.g. parents moved for work</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="43" />
      <source>申请在下次同步（或导出U盘数据包）时报送学籍中心，由转出学校和学籍主管部门逐级审核。学籍中心受理后会给出查询码，可告知家长查询进度。</source>
      <translation>The request goes to the registry at the next sync (or USB bundle) and is reviewed by the sending school and the education bureaus in turn. Once accepted, the registry gives a case code the family can use to follow its progress.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="47" />
      <source>身份证件号或学籍号</source>
      <translation>ID number or student number</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="47" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="48" />
      <source>转出学校标识码</source>
      <translation>Sending school's code</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="49" />
      <source>转入班级</source>
      <translation>Class here</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="50" />
      <source>转学原因</source>
      <translation>Reason for the transfer</translation>
    </message>
    <message>
      <location filename="../../desktop/views/sync/transfer_dialog.py" line="54" />
      <source>提交申请</source>
      <translation>Submit request</translation>
    </message>
  </context>
  <context>
    <name>UnlockDialog</name>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="41" />
      <location filename="../../desktop/views/unlock_dialog.py" line="69" />
      <location filename="../../desktop/views/unlock_dialog.py" line="137" />
      <source>解锁</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="132" />
      <source>正在解锁…</source>
      <translation>Unlocking…</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="45" />
      <source>输入密码后按回车</source>
      <translation>Type the password and press Enter</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="47" />
      <source>忘记密码？用恢复密钥重设</source>
      <translation>Forgot password? Reset with recovery key</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="58" />
      <source>学校：</source>
      <translation>School:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="60" />
      <source>数据库文件：</source>
      <translation>Database file:</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="64" />
      <source>账号</source>
      <translation>Account</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="65" />
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="70" />
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="93" />
      <source>新密码已设置，请用新密码解锁。</source>
      <translation>The new password is set. Unlock with the new password.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/unlock_dialog.py" line="139" />
      <source>（{n} 秒）</source>
      <translation> ({n} s)</translation>
    </message>
  </context>
  <context>
    <name>VerificationTab</name>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="67" />
      <source>身份证件号或学籍号；在校不在籍的写姓名</source>
      <translation>ID number or student number; the name for a pupil without a record here</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="76" />
      <source>学生</source>
      <translation>Student</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="77" />
      <source>核查结论</source>
      <translation>Conclusion</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="78" />
      <source>处理措施</source>
      <translation>Follow-up action</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="79" />
      <source>记录核查结论</source>
      <translation>Record conclusion</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="79" />
      <source>运行数据质量检查</source>
      <translation>Run data-quality checks</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="96" />
      <source>核查学期：</source>
      <translation>Verification round: </translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="111" />
      <source>已记录。</source>
      <translation>Recorded.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="119" />
      <source>发现 {n} 个问题。</source>
      <translation>Problems found: {n}.</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/registers.py" line="120" />
      <source>未发现数据质量问题。</source>
      <translation>No data-quality problems found.</translation>
    </message>
  </context>
  <context>
    <name>YearEndDialog</name>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="45" />
      <source>学年末升级和毕业</source>
      <translation>Year-end promotion and graduation</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="50" />
      <source>我已核对上面的名单，确认为全校办理升级和毕业（办理后不能撤销）</source>
      <translation>I have checked the list above and confirm promotion and graduation for the whole school (this cannot be undone)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="51" />
      <source>开始升级和毕业</source>
      <translation>Start promotion and graduation</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="52" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="61" />
      <source>将一次完成：{a} 个班升入高一年级（{p} 人），{b} 个班毕业（{g} 人）。</source>
      <translation>Done in one step: {a} classes move up a grade ({p} pupils), {b} classes graduate ({g} pupils).</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="66" />
      <source>开始前会先把整个学校的数据库完整备份一份（文件名以 -year-end.xjbak 结尾），保存在：{folder}</source>
      <translation>Before starting, the whole school database is backed up (the file name ends in -year-end.xjbak) to: {folder}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="94" />
      <source>本学年还没有结束：今天是 {today}，按设置本学年 {end} 结束。学年末升级和毕业应在学年结束后办理；提前办理会让全校学生提前升级、毕业班提前毕业。（学年结束日期可在“设置”中修改。）</source>
      <translation>This school year has not ended: today is {today}, and the settings end the year on {end}. Year-end promotion and graduation belong after the year ends; doing it early promotes every pupil and graduates the leaving classes early. (The end date can be changed in Settings.)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="114" />
      <source>已完成。开始前的备份：{path}</source>
      <translation>Done. Backup taken before starting: {path}</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="115" />
      <source>（没有变化，沿用最近的备份）</source>
      <translation>(no changes; the latest backup is kept)</translation>
    </message>
    <message>
      <location filename="../../desktop/views/changes/year_end_dialog.py" line="118" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>messages</name>
    <message>
      <source>Excel 97-2003（.xls）文件最多放 {max} 名学生，这次要导出 {count} 名，没有导出任何记录。请改存为 .xlsx，或按班级分几次导出。</source>
      <translation>An Excel 97-2003 (.xls) file holds at most {max} students; this export has {count}, so nothing was exported. Save as .xlsx instead, or export one class at a time.</translation>
    </message>
    <message>
      <source>15位身份证号已按规则升级为18位：{number}。</source>
      <translation>The 15-digit ID number has been converted to the 18-digit form: {number}.</translation>
    </message>
    <message>
      <source>“{value}”不是有效的选项，请按国家模板填写代码表中的名称。</source>
      <translation>"{value}" is not a valid option. Enter a name from the code table of the national template.</translation>
    </message>
    <message>
      <source>“{value}”不是真实存在的日期，请核对。</source>
      <translation>"{value}" is not a real date. Please check it.</translation>
    </message>
    <message>
      <source>“{year}级”无法确定年级（本校设有多个学段或年份不合理），请在班级名称中写明年级，例如“初一3班”。</source>
      <translation>The cohort "{year}级" does not tell the grade (the school runs more than one stage, or the year is not plausible). Put the grade in the class name, for example "初一3班".</translation>
    </message>
    <message>
      <source>不是国家学籍模板中的列名，请检查拼写或删除此列。</source>
      <translation>This is not a column name of the national student record template. Check the spelling or delete this column.</translation>
    </message>
    <message>
      <source>与第{other}条记录的身份证件号相同，一人只能有一个学籍。</source>
      <translation>Same ID number as record {other}. A student can have only one student record.</translation>
    </message>
    <message>
      <source>两次输入的密码不一致。</source>
      <translation>The two passwords do not match. Enter the same password twice.</translation>
    </message>
    <message>
      <source>以数字形式保存（{value}），可能已丢失精度；请把单元格设为文本后重新填写。</source>
      <translation>Stored as a number ({value}), so some digits may have been lost. Format the cell as text and enter the value again.</translation>
    </message>
    <message>
      <source>健康状况为“残疾”，但残疾类型为空或“无残疾”，请核对。</source>
      <translation>Health status is "disabled", but the disability type is empty or "no disability". Please check.</translation>
    </message>
    <message>
      <source>入学方式与学段不符：{stage}请选择该学段的入学方式。</source>
      <translation>The admission mode does not match the school stage. For {stage}, choose an admission mode of that stage.</translation>
    </message>
    <message>
      <source>关系为“其他”时须填写关系说明。</source>
      <translation>When the relationship is "Other", fill in the relationship details.</translation>
    </message>
    <message>
      <source>内容过长，最多 {max_len} 个字符。</source>
      <translation>Too long: at most {max_len} characters.</translation>
    </message>
    <message>
      <source>含有不可见的控制字符或改变文字方向的字符（{char}），请删除后重新填写。</source>
      <translation>Contains an invisible control or text-direction character ({char}); remove it and enter the text again.</translation>
    </message>
    <message>
      <source>含有转义写法“{escape}”，它在 Excel 中会变成控制字符，请改为普通文字。</source>
      <translation>Contains the escape “{escape}”, which Excel turns into a control character; write plain text instead.</translation>
    </message>
    <message>
      <source>姓名只能包含文字、间隔号“·”和空格，不能有“{char}”。</source>
      <translation>A name may hold only letters, the middle dot “·” and spaces, not “{char}”.</translation>
    </message>
    <message>
      <source>出生日期与身份证号不一致（身份证号为 {id_birth}），请对照户口簿更正。</source>
      <translation>The date of birth does not match the ID number (the ID number says {id_birth}). Correct it against the hukou booklet.</translation>
    </message>
    <message>
      <source>可能重复：与第{other}条记录姓名、出生日期、性别相同，已保存并标记待核查。</source>
      <translation>Possible duplicate: same name, date of birth and sex as record {other}. Saved and marked for checking.</translation>
    </message>
    <message>
      <source>可能重复：已有同名、同出生日期、同性别的学生 {name}（{class_name}，学籍号 {xjh}），尚未保存；请核对是否同一人后再决定是否保存。</source>
      <translation>Possible duplicate: a student with the same name, date of birth and sex already exists: {name} ({class_name}, national student number {xjh}). Not saved yet: check whether it is the same person before deciding to save.</translation>
    </message>
    <message>
      <source>可能重复：已有同名、同出生日期、同性别的学生 {name}（{class_name}，学籍号 {xjh}），已保存并标记待核查。</source>
      <translation>Possible duplicate: a student with the same name, date of birth and sex already exists: {name} ({class_name}, national student number {xjh}). Saved and marked for checking.</translation>
    </message>
    <message>
      <source>学校标识码 {value} 与本校 {expected} 不符，请核对。</source>
      <translation>School code {value} does not match this school's code {expected}. Please check.</translation>
    </message>
    <message>
      <source>学校标识码应为10位数字（{value}）。</source>
      <translation>The school code must be 10 digits ({value}).</translation>
    </message>
    <message>
      <source>学生没有身份证件号时，必须填写至少一名监护人的身份证件号。</source>
      <translation>The student has no ID number, so enter the ID number of at least one guardian.</translation>
    </message>
    <message>
      <source>学籍号应为字母 G、J 或 L 加18位，例如 G110105201509010022。</source>
      <translation>The national student number must be the letter G, J or L followed by 18 characters, for example G110105201509010022.</translation>
    </message>
    <message>
      <source>学籍号校验位不对，请核对。</source>
      <translation>The check digit of the national student number is wrong. Please check the number.</translation>
    </message>
    <message>
      <source>账号名或密码不正确，请重新输入（注意大小写和输入法）。</source>
      <translation>Wrong account name or password. Enter them again (check Caps Lock and the input method).</translation>
    </message>
    <message>
      <source>没有名为“{user}”的账号，请检查账号名。</source>
      <translation>There is no account named "{user}". Check the account name.</translation>
    </message>
    <message>
      <source>密码至少 {min_length} 位，且须包含字母、数字、符号中的至少两种。</source>
      <translation>The password must be at least {min_length} characters and contain at least two of: letters, digits, symbols.</translation>
    </message>
    <message>
      <source>密钥文件与数据库不匹配或已损坏，请用恢复密钥重设密码（xueji reset-password）。</source>
      <translation>The key file does not match the database or is damaged. Reset the password with the recovery key (xueji reset-password).</translation>
    </message>
    <message>
      <source>年月“{value}”不合理，请核对。</source>
      <translation>The year and month "{value}" is not plausible. Please check.</translation>
    </message>
    <message>
      <source>年月格式不对，请写成 YYYYMM，例如 202109。</source>
      <translation>Wrong year-month format. Write it as YYYYMM, for example 202109.</translation>
    </message>
    <message>
      <source>应填写数字，例如 2.5。</source>
      <translation>Enter a number, for example 2.5.</translation>
    </message>
    <message>
      <source>建议填写此项（国家模板中为必填）。</source>
      <translation>Please fill this in (it is required in the national template).</translation>
    </message>
    <message>
      <source>当前账号（{role}）无权进行此操作，请用学籍管理员账号登录。</source>
      <translation>Your account ({role}) is not allowed to do this. Log in with a registrar account.</translation>
    </message>
    <message>
      <source>必填项为空，请填写。</source>
      <translation>This item is required. Please fill it in.</translation>
    </message>
    <message>
      <source>性别与身份证号不一致（第17位奇数为男、偶数为女），请核对。</source>
      <translation>The sex does not match the ID number (an odd 17th digit means male, an even one female). Please check.</translation>
    </message>
    <message>
      <source>恢复密钥不正确或不属于这个数据库，请核对保存在保险柜中的恢复密钥。</source>
      <translation>The recovery key is wrong or belongs to another database. Check the recovery key kept in the safe.</translation>
    </message>
    <message>
      <source>恢复密钥应为56个字符（14组，每组4个），请逐组核对。</source>
      <translation>The recovery key must be 56 characters (14 groups of 4). Check it group by group.</translation>
    </message>
    <message>
      <source>恢复密钥有误，可能抄错了某个字符，请逐组核对。</source>
      <translation>The recovery key is wrong; a character may have been copied incorrectly. Check it group by group.</translation>
    </message>
    <message>
      <source>找不到密钥文件 {detail}，请用恢复密钥重设密码（xueji reset-password）。</source>
      <translation>Key file {detail} not found. Reset the password with the recovery key (xueji reset-password).</translation>
    </message>
    <message>
      <source>找不到数据库文件 {detail}，请检查路径；如果是第一次使用，请先初始化。</source>
      <translation>Database file {detail} not found. Check the path; if this is the first use, set up the database first.</translation>
    </message>
    <message>
      <source>找不到这名学生，可能已被其他操作更改，请刷新后重试。</source>
      <translation>This student cannot be found; the record may have been changed by another action. Refresh and try again.</translation>
    </message>
    <message>
      <source>数值不合理（应在 0 到 1000 之间）。</source>
      <translation>The value is not plausible (it should be between 0 and 1000).</translation>
    </message>
    <message>
      <source>数据库出错，没有保存任何更改。</source>
      <translation>Database error. No changes were saved.</translation>
    </message>
    <message>
      <source>数据库所在位置是只读的（只读U盘、只读文件夹或没有写入权限），不能保存任何更改。请把数据库复制到可写的位置，或请管理员开放写入权限。</source>
      <translation>The database is in a read-only place (a read-only USB stick or folder, or no write permission); nothing can be saved. Copy the database to a writable place, or ask an administrator for write permission.</translation>
    </message>
    <message>
      <source>无法打开数据库文件：没有读取权限，或所在文件夹不允许访问。请检查文件和文件夹的权限。</source>
      <translation>Cannot open the database file: no read permission, or its folder cannot be accessed. Check the permissions of the file and the folder.</translation>
    </message>
    <message>
      <source>数据库所在位置是只读的：可以查看，但不能保存任何更改。</source>
      <translation>The database is in a read-only place: it can be viewed, but nothing can be saved.</translation>
    </message>
    <message>
      <source>数据库文件已存在：{detail}。为防止覆盖已有数据，请换一个位置。</source>
      <translation>The database file already exists: {detail}. To avoid overwriting existing data, choose another location.</translation>
    </message>
    <message>
      <source>数据库文件已损坏，请用最近的备份恢复（xueji restore）。</source>
      <translation>The database file is damaged. Restore it from the latest backup (xueji restore).</translation>
    </message>
    <message>
      <source>数据库正被另一个程序使用，请关闭其他学籍管理窗口后重试。</source>
      <translation>The database is in use by another program. Close any other Student Records windows and try again.</translation>
    </message>
    <message>
      <source>无法从班级名称“{value}”判断年级，请写成“三年级(2)班”“初一3班”“高二(5)班”这样的形式。</source>
      <translation>Cannot tell the grade from the class name "{value}". Write it like "三年级(2)班", "初一3班" or "高二(5)班".</translation>
    </message>
    <message>
      <source>无法读取这张照片，请选择 JPG 或 PNG 格式的照片文件。</source>
      <translation>Cannot read this photo. Choose a photo file in JPG or PNG format.</translation>
    </message>
    <message>
      <source>日期“{value}”不合理（晚于今天或早于1900年），请核对。</source>
      <translation>The date "{value}" is not plausible (after today or before 1900). Please check.</translation>
    </message>
    <message>
      <source>日期格式不对，请写成 YYYYMMDD，例如 20150901。</source>
      <translation>Wrong date format. Write it as YYYYMMDD, for example 20150901.</translation>
    </message>
    <message>
      <source>本校没有{stage}学段，请核对班级名称或学校的学段设置。</source>
      <translation>This school does not run the {stage} stage. Check the class name or the school's stage settings.</translation>
    </message>
    <message>
      <source>照片像素过大（超过4000万像素），请先缩小后再导入。</source>
      <translation>The photo is too large (over 40 megapixels). Make it smaller, then import it again.</translation>
    </message>
    <message>
      <source>班级名称“{value}”中没有班号，请写成“三年级(2)班”这样的形式。</source>
      <translation>The class name "{value}" has no class number. Write it like "三年级(2)班".</translation>
    </message>
    <message>
      <source>电子信箱格式不对，例如 name@example.com。</source>
      <translation>Wrong email format. Write it like name@example.com.</translation>
    </message>
    <message>
      <source>电话号码格式不对，只能包含数字和“-”，例如 13800138000 或 010-12345678。</source>
      <translation>Wrong phone number format. Use only digits and "-", for example 13800138000 or 010-12345678.</translation>
    </message>
    <message>
      <source>磁盘空间已满，没有保存任何更改。请清理磁盘后重试。</source>
      <translation>The disk is full. No changes were saved. Free up disk space and try again.</translation>
    </message>
    <message>
      <source>至少要填写一名家庭成员或监护人。</source>
      <translation>Enter at least one family member or guardian.</translation>
    </message>
    <message>
      <source>至少要有一名家庭成员的“是否监护人”为“是”。</source>
      <translation>At least one family member must have "Guardian" set to "Yes".</translation>
    </message>
    <message>
      <source>行政区划代码应为6位或12位数字，例如 110105 或 110105000000。</source>
      <translation>The administrative division code must be 6 or 12 digits, for example 110105 or 110105000000.</translation>
    </message>
    <message>
      <source>证件号只能包含字母、数字、括号和“-”，长度4到20位。</source>
      <translation>The ID number may contain only letters, digits, brackets and "-", and must be 4 to 20 characters long.</translation>
    </message>
    <message>
      <source>证件类型为“其他”时，须附学生在校就读证明（学生和家长签字、学校盖章，报上级备案）。</source>
      <translation>When the ID document type is "Other", attach a certificate that the student studies at this school (signed by the student and a parent, stamped by the school, and filed with the higher authority).</translation>
    </message>
    <message>
      <source>该身份证件号已有学籍：{name}（{class_name}，学籍号 {xjh}），一人只能有一个学籍，不能重复建立。</source>
      <translation>This ID number already has a student record: {name} ({class_name}, national student number {xjh}). A student can have only one student record, so do not create another.</translation>
    </message>
    <message>
      <source>请填写学校名称。</source>
      <translation>Enter the school name.</translation>
    </message>
    <message>
      <source>请填写账号名。</source>
      <translation>Enter an account name.</translation>
    </message>
    <message>
      <source>请确认已把恢复密钥打印或抄写下来并放在安全的地方。</source>
      <translation>Confirm that you have printed or written down the recovery key and put it in a safe place.</translation>
    </message>
    <message>
      <source>请至少选择一个学段。</source>
      <translation>Select at least one school stage.</translation>
    </message>
    <message>
      <source>请选择学制（六三制或五四制）。</source>
      <translation>Select the school system (6-3 system or 5-4 system).</translation>
    </message>
    <message>
      <source>读写磁盘出错，没有保存任何更改。请检查磁盘或U盘后重试。</source>
      <translation>Error reading or writing the disk. No changes were saved. Check the disk or USB drive and try again.</translation>
    </message>
    <message>
      <source>账号 {user} 已存在，请换一个名称。</source>
      <translation>Account {user} already exists. Choose another name.</translation>
    </message>
    <message>
      <source>身份证号中的出生日期 {value} 不是有效日期，请核对。</source>
      <translation>The date of birth in the ID number ({value}) is not a valid date. Please check.</translation>
    </message>
    <message>
      <source>身份证号前6位地区码 {region} 不存在，请核对。</source>
      <translation>The region code {region} in the first 6 digits of the ID number does not exist. Please check.</translation>
    </message>
    <message>
      <source>身份证号应为18位（最后一位可为X），现为{length}位，请核对。</source>
      <translation>The ID number must be 18 characters (the last one may be X), but it has {length}. Please check.</translation>
    </message>
    <message>
      <source>身份证号校验位不对，可能抄错了某一位，请对照户口簿核对。</source>
      <translation>The check digit of the ID number is wrong; a digit may have been copied incorrectly. Check it against the hukou booklet.</translation>
    </message>
    <message>
      <source>这个数据库由更新版本的程序创建（结构版本 {found}，本程序只认识到 {known}），请升级程序后再打开。</source>
      <translation>This database was created by a newer version of the program (schema version {found}; this program knows up to {known}). Upgrade the program, then open the database again.</translation>
    </message>
    <message>
      <source>这个文件不是加密的学籍数据库，请检查路径。</source>
      <translation>This file is not an encrypted student record database. Check the path.</translation>
    </message>
    <message>
      <source>这名学生的信息刚被其他操作修改过，请关闭后重新打开再改。</source>
      <translation>This student's information was just changed by another action. Close it, open it again, then make your changes.</translation>
    </message>
    <message>
      <source>选择了此证件类型就必须填写证件号。</source>
      <translation>With this ID document type, the ID number is required.</translation>
    </message>
    <message>
      <source>邮政编码应为6位数字。</source>
      <translation>The postcode must be 6 digits.</translation>
    </message>
    <message>
      <source>随班就读的学生应填写残疾类型，请核对。</source>
      <translation>A student learning in a regular class should have a disability type. Please check.</translation>
    </message>
    <message>
      <source>操作未完成（{code}）。</source>
      <translation>The action was not completed ({code}).</translation>
    </message>
    <message>
      <source>备份文件已损坏或不完整，没有恢复任何数据。请换一个备份文件，或检查U盘。</source>
      <translation>The backup file is damaged or incomplete; nothing was restored. Use another backup file, or check the USB stick.</translation>
    </message>
    <message>
      <source>行政区划代码 {region} 不存在，请按 GB/T 2260 核对。</source>
      <translation>Region code {region} does not exist. Check it against GB/T 2260.</translation>
    </message>
    <message>
      <source>这不是学籍管理的备份文件（.xjbak），没有恢复任何数据。</source>
      <translation>This is not a Student Records backup file (.xjbak); nothing was restored.</translation>
    </message>
    <message>
      <source>{stage}属于义务教育阶段，不得办理“{change}”（《中小学生学籍管理办法》）。辍学学生请办理“辍学登记”，学籍予以保留。</source>
      <translation>{stage} is compulsory education: "{change}" is not allowed (Student Status Regulations). For a pupil who dropped out, register the dropout; the record is kept.</translation>
    </message>
    <message>
      <source>休学期间不能办理转学，请先办理复学。</source>
      <translation>No transfer during a suspension. Record the resumption first.</translation>
    </message>
    <message>
      <source>休学每次最长一年，截止日期最晚为 {latest}；期满仍需休学的，请到期前办理续休。</source>
      <translation>A suspension lasts at most one year: the latest end date is {latest}. If more time is needed, renew it before it ends.</translation>
    </message>
    <message>
      <source>办理“{change}”须写明截止日期（--until YYYY-MM-DD）。</source>
      <translation>"{change}" needs an end date (--until YYYY-MM-DD).</translation>
    </message>
    <message>
      <source>办理“{change}”须指定新班级（--class 班级名称）。</source>
      <translation>"{change}" needs the new class (--class CLASS).</translation>
    </message>
    <message>
      <source>只有最高年级的学生才能办理“{change}”。</source>
      <translation>Only pupils in the final grade can have "{change}".</translation>
    </message>
    <message>
      <source>学籍状态为“{status}”的学生不能办理“{change}”，没有做任何更改。</source>
      <translation>A pupil whose status is "{status}" cannot have "{change}"; nothing was changed.</translation>
    </message>
    <message>
      <source>截止日期不能早于开始日期 {start}。</source>
      <translation>The end date cannot be before the start date {start}.</translation>
    </message>
    <message>
      <source>找不到身份证件号或学籍号为 {ref} 的学生，请核对。</source>
      <translation>No student has the ID number or student number {ref}. Check it.</translation>
    </message>
    <message>
      <source>没有“{value}”这种学籍变动。可以办理：{known}。</source>
      <translation>There is no status change called "{value}". Possible changes: {known}.</translation>
    </message>
    <message>
      <source>班级“{class_name}”与“{change}”不符（调班、留级同年级，升级高一个年级，跳级高两个年级以上，降级低一个年级以上）。</source>
      <translation>Class "{class_name}" does not fit "{change}" (class change and repeating stay in the grade, promotion goes one grade up, skipping two or more, moving down one or more).</translation>
    </message>
    <message>
      <source>这名学生已有“{flag}”登记，不能重复办理“{change}”。</source>
      <translation>This pupil already has "{flag}" registered; "{change}" cannot be repeated.</translation>
    </message>
    <message>
      <source>这名学生没有“{flag}”登记，不能办理“{change}”。</source>
      <translation>This pupil has no "{flag}" registered, so "{change}" is not possible.</translation>
    </message>
    <message>
      <source>{name} 没有等待审批的学籍变动，没有做任何更改。</source>
      <translation>{name} has no status change awaiting approval; nothing was changed.</translation>
    </message>
    <message>
      <source>变动日期不能早于这名学生上一次学籍变动的日期 {last}，请核对日期。</source>
      <translation>The date cannot be before the date of this pupil's previous change, {last}. Check the date.</translation>
    </message>
    <message>
      <source>{name} 没有未销号的辍学登记，请先办理“辍学登记”。</source>
      <translation>{name} has no open dropout case. Register the dropout first.</translation>
    </message>
    <message>
      <source>“{value}”不是核查结论，请选择：{known}。</source>
      <translation>"{value}" is not a verification conclusion. Choose one of: {known}.</translation>
    </message>
    <message>
      <source>核查结论为“{conclusion}”时须写明处理措施（如办理转学、补办休学、注销、劝返、更正信息）。</source>
      <translation>A conclusion of "{conclusion}" needs a follow-up action (e.g. transfer, suspension paperwork, cancellation, persuading back, correcting data).</translation>
    </message>
    <message>
      <source>请写明学生：有学籍的写身份证件号或学籍号，在校不在籍的写姓名。</source>
      <translation>Say which pupil: the ID number or student number for a pupil with a record here, the name for one attending without a record.</translation>
    </message>
    <message>
      <source>缓学登记须填写儿童姓名、监护人和县级以上医院证明。</source>
      <translation>A deferral needs the child's name, the guardian and a certificate from a county-level or higher hospital.</translation>
    </message>
    <message>
      <source>这条缓学登记已经结束（已入学或已续缓），不能再办理。</source>
      <translation>This deferral has ended (enrolled or renewed); nothing more can be done with it.</translation>
    </message>
    <message>
      <source>没有名为“{class_name}”的班级，请核对班级名称。</source>
      <translation>There is no class called "{class_name}". Check the class name.</translation>
    </message>
    <message>
      <source>所选范围内没有学生，没有可打印的内容。请换一个班级或年级。</source>
      <translation>There are no students in this selection, so there is nothing to print. Choose another class or grade.</translation>
    </message>
    <message>
      <source>无法写入“{path}”，没有保存。请换一个文件夹，或检查U盘是否已插好、是否写保护。</source>
      <translation>Could not write “{path}”; nothing was saved. Choose another folder, or check that the USB stick is plugged in and not write-protected.</translation>
    </message>
    <message>
      <source>无法读取文件“{path}”，请确认路径正确、文件没有被占用。</source>
      <translation>Could not read the file “{path}”. Check the path and that no other program has it open.</translation>
    </message>
    <message>
      <source>没有找到要核对的校验码。请输入打印件页脚的“记录 … 版本 … 校验 …”文字或二维码内容，或用 --pdf 指定本程序打印的 PDF 文件。</source>
      <translation>No check code was found. Type the footer text of the printed page (记录 … 版本 … 校验 …) or the QR code's content, or give a PDF printed by this program with --pdf.</translation>
    </message>
    <message>
      <source>请先选择要打印的学生、班级或年级。</source>
      <translation>First choose the student, class or grade to print.</translation>
    </message>
    <message>
      <source>这个文件不是可读取的 PDF，无法核对。扫描件请直接输入页脚的校验码。</source>
      <translation>This file is not a readable PDF and cannot be checked. For a scanned copy, type the check code from its footer.</translation>
    </message>
    <message>
      <source>“{value}”不是学籍档案清单中的材料，没有做任何更改。</source>
      <translation>“{value}” is not a document on the archive checklist; nothing was changed.</translation>
    </message>
    <message>
      <source>“{value}”不是档案移交的原因，请选择：{known}。</source>
      <translation>“{value}” is not a reason for handing over an archive. Choose one of: {known}.</translation>
    </message>
    <message>
      <source>份数和页数不能是负数，请核对。</source>
      <translation>The number of copies and pages cannot be negative. Please check.</translation>
    </message>
    <message>
      <source>借阅登记须填写借阅人和借阅事由。</source>
      <translation>A loan needs the borrower and the reason.</translation>
    </message>
    <message>
      <source>只能添加 JPG、PNG 或 PDF 格式的扫描件，这个文件不是其中一种，没有添加。</source>
      <translation>Only JPG, PNG or PDF scans can be added. This file is none of these and was not added.</translation>
    </message>
    <message>
      <source>学生转学时，转出学校须备份保留电子学籍档案，并保留必要的纸质档案复印件；请确认两项都已保留后再登记移交。</source>
      <translation>When a student transfers, the sending school must keep a backup of the electronic archive and copies of the necessary paper documents. Confirm both are kept before recording the handover.</translation>
    </message>
    <message>
      <source>应还日期不能早于借出日期 {lent_on}，请核对。</source>
      <translation>The due date cannot be before the loan date {lent_on}. Please check.</translation>
    </message>
    <message>
      <source>归还日期不能早于借出日期 {lent_on}，请核对。</source>
      <translation>The return date cannot be before the loan date {lent_on}. Please check.</translation>
    </message>
    <message>
      <source>扫描件像素过多（超过 {max_mp} 百万像素），请降低扫描分辨率后再添加。</source>
      <translation>The scan has too many pixels (over {max_mp} megapixels). Scan at a lower resolution and add it again.</translation>
    </message>
    <message>
      <source>扫描件太大（超过 {max_mb} MB），请降低扫描分辨率或分页扫描后再添加。</source>
      <translation>The scan is too large (over {max_mb} MB). Scan at a lower resolution or page by page and add it again.</translation>
    </message>
    <message>
      <source>扫描件已损坏或不完整，无法读取，没有添加。请重新扫描或重新复制文件。</source>
      <translation>The scan is damaged or incomplete and cannot be read; it was not added. Scan it again or copy the file again.</translation>
    </message>
    <message>
      <source>“{name}”不是普通文件（可能是设备或管道），没有读取。请选择磁盘上的文件。</source>
      <translation>“{name}” is not a regular file (perhaps a device or a pipe) and was not read. Choose a file on disk.</translation>
    </message>
    <message>
      <source>文件“{name}”太大（超过 {max_mb} MB），没有读取。</source>
      <translation>The file “{name}” is too large (over {max_mb} MB) and was not read.</translation>
    </message>
    <message>
      <source>找不到这份扫描件，可能已被其他操作更改，请刷新后重试。</source>
      <translation>This scan cannot be found; it may have been changed meanwhile. Refresh and try again.</translation>
    </message>
    <message>
      <source>找不到这条缓学登记，可能已被其他操作更改，请刷新后重试。</source>
      <translation>This deferral record cannot be found; it may have been changed meanwhile. Refresh and try again.</translation>
    </message>
    <message>
      <source>档案中还没有登记任何已有材料，请先在清单中勾选要移交的材料。</source>
      <translation>No documents are recorded as present in the archive yet. Tick the documents to hand over in the checklist first.</translation>
    </message>
    <message>
      <source>档案移交须填写接收单位、移交人和接收人。</source>
      <translation>A handover needs the receiving unit, the person handing over and the person receiving.</translation>
    </message>
    <message>
      <source>班级学生名册按班级打印，请用 --class 指定班级，不能用 --student 指定学生。</source>
      <translation>A class roster is printed per class: give the class with --class, not a student with --student.</translation>
    </message>
    <message>
      <source>这份档案已于 {day} 移交给 {receiver}，不在本校，没有做任何更改。</source>
      <translation>This archive was handed over to {receiver} on {day} and is no longer at this school; nothing was changed.</translation>
    </message>
    <message>
      <source>这份档案已借给 {borrower}（应还日期 {due}），尚未归还，请先办理归还。</source>
      <translation>This archive is on loan to {borrower} (due {due}) and has not been returned. Record the return first.</translation>
    </message>
    <message>
      <source>这份档案没有借出或已经归还，没有做任何更改。</source>
      <translation>This archive is not on loan or has already been returned; nothing was changed.</translation>
    </message>
    <message>
      <source>Excel 把身份证件号存成了数字，精度已丢失（{value}）。请把这一列的单元格格式设为“文本”，再照户口簿重新输入完整的证件号。</source>
      <translation>Excel stored the ID number as a number and lost digits ({value}). Set this column's cell format to Text and type the full ID number again from the household register.</translation>
    </message>
    <message>
      <source>{name} 不是可以读取的 Excel 工作簿，没有导入任何记录。请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入。</source>
      <translation>{name} is not a readable Excel workbook; nothing was imported. In Excel, use Save As → Excel Workbook (.xlsx), then import again.</translation>
    </message>
    <message>
      <source>{name} 中没有找到国家学籍模板的表头（前10行中应有“姓名”“性别”“身份证件号”等列名），没有导入任何记录。请使用国家学籍模板。</source>
      <translation>No header row of the national template was found in {name} (the first 10 rows should name columns such as 姓名, 性别, 身份证件号); nothing was imported. Use the national template.</translation>
    </message>
    <message>
      <source>{name} 的工作表“{sheet}”在表头下面没有学生数据，没有导入任何记录。</source>
      <translation>The sheet “{sheet}” of {name} has no student rows under its header; nothing was imported.</translation>
    </message>
    <message>
      <source>{name} 设有打开密码，无法读取，没有导入任何记录。请在 Excel 中取消密码并另存后再导入。</source>
      <translation>{name} is protected by a password and cannot be read; nothing was imported. Remove the password in Excel, save, and import again.</translation>
    </message>
    <message>
      <source>找不到要导入的文件 {name}，请检查路径。</source>
      <translation>The file to import, {name}, cannot be found. Check the path.</translation>
    </message>
    <message>
      <source>有 {count} 行数据有问题，没有导入任何记录。请按提示改正后重新导入，或选择只导入没有问题的行。</source>
      <translation>{count} rows have problems, so nothing was imported. Correct them as shown and import again, or choose to import only the rows without problems.</translation>
    </message>
    <message>
      <source>没有名为“{class_name}”的班级，没有导出任何记录。请核对班级名称。</source>
      <translation>There is no class named “{class_name}”; nothing was exported. Check the class name.</translation>
    </message>
    <message>
      <source>请用 --student 指定学生，或用 --class 指定班级。</source>
      <translation>Give a student with --student or a class with --class.</translation>
    </message>
    <message>
      <source>这是合并单元格的一部分，导入时按空白处理；请取消合并，在每一行分别填写。</source>
      <translation>This cell is part of a merged cell and is read as empty. Unmerge the cells and fill in each row.</translation>
    </message>
    <message>
      <source>预览之后数据库中的学生信息有了变化，没有导入任何记录。请重新预览后再导入。</source>
      <translation>Student records changed in the database after the preview; nothing was imported. Preview again, then import.</translation>
    </message>
    <message>
      <source>{name} 中没有找到带“学籍号”（或“全国学籍号”“个人标识码”）列和“姓名”等列名的名单，无法核对。请使用国家学籍系统导出的学生名单。</source>
      <translation>{name} has no list with a 学籍号 (or 全国学籍号, 个人标识码) column and columns such as 姓名, so it cannot be reconciled. Use a student list exported from the national system.</translation>
    </message>
    <message>
      <source>发出数据包的设备已被停用，没有导入任何内容。请联系县级学籍管理部门。</source>
      <translation>The device that made this bundle has been disabled; nothing was imported. Contact the county education bureau.</translation>
    </message>
    <message>
      <source>学籍中心暂时无法处理请求（{detail}），本次同步没有完成。本机的更改都已保存，请稍后再试。</source>
      <translation>The registry cannot handle the request right now ({detail}); this sync did not finish. All changes on this desk are kept; try again later.</translation>
    </message>
    <message>
      <source>学籍中心的密钥与注册时不一致，为安全起见本次没有同步。请联系县级学籍管理部门核实服务器地址。</source>
      <translation>The registry's key differs from the one seen at enrolment, so nothing was synced for safety. Ask the county education bureau to confirm the server address.</translation>
    </message>
    <message>
      <source>学籍中心的答复格式不对，本次同步没有完成。请核对服务器地址是否正确，或升级程序。</source>
      <translation>The registry's answer is malformed; this sync did not finish. Check the server address, or update the program.</translation>
    </message>
    <message>
      <source>找不到这条冲突记录，可能已被处理，请刷新后重试。</source>
      <translation>This conflict cannot be found; it may have been resolved. Refresh and try again.</translation>
    </message>
    <message>
      <source>数据包不完整（可能没有复制完），没有导入任何内容。请重新复制或重新导出。</source>
      <translation>The bundle is incomplete (perhaps not fully copied); nothing was imported. Copy or export it again.</translation>
    </message>
    <message>
      <source>数据包不是由已注册的设备或学籍中心签发的，没有导入任何内容。</source>
      <translation>The bundle was not signed by an enrolled device or the registry; nothing was imported.</translation>
    </message>
    <message>
      <source>数据包内容的格式不正确，没有导入任何内容。请把这个文件交给技术支持。</source>
      <translation>The bundle's content is malformed; nothing was imported. Give this file to technical support.</translation>
    </message>
    <message>
      <source>数据包已损坏或被改动过（校验未通过），没有导入任何内容。请重新复制或重新导出。</source>
      <translation>The bundle is damaged or was altered (its check failed); nothing was imported. Copy or export it again.</translation>
    </message>
    <message>
      <source>数据包来自其他学校的设备，没有导入任何内容。</source>
      <translation>The bundle comes from another school's device; nothing was imported.</translation>
    </message>
    <message>
      <source>数据包过大（超过 {limit_mb} MB），没有导入任何内容。</source>
      <translation>The bundle is too large (over {limit_mb} MB); nothing was imported.</translation>
    </message>
    <message>
      <source>无法连接学籍中心（{url}），本次没有同步。请检查网络和服务器地址，稍后再试；本机的更改都已保存，会在下次同步时上报。</source>
      <translation>Cannot reach the registry ({url}); nothing was synced. Check the network and the server address and try again later; all changes on this desk are kept and will be reported at the next sync.</translation>
    </message>
    <message>
      <source>有一条变更内容过大，学籍中心无法接收（变更序号 {seq}），请联系技术支持。</source>
      <translation>One change is too large for the registry to accept (change number {seq}). Contact technical support.</translation>
    </message>
    <message>
      <source>服务器地址“{value}”格式不对，应以 http:// 或 https:// 开头，例如 https://xueji.example.gov.cn。</source>
      <translation>The server address “{value}” is malformed; it should start with http:// or https://, for example https://xueji.example.gov.cn.</translation>
    </message>
    <message>
      <source>本机尚未在学籍中心注册，请先在“同步”页输入县级学籍管理部门发放的注册码完成注册（或运行 xueji enroll）。</source>
      <translation>This computer is not enrolled with the registry. First type the enrolment code from the county education bureau on the Sync page (or run xueji enroll).</translation>
    </message>
    <message>
      <source>本机已在学籍中心注册（设备编号 {device}），不能重复注册。</source>
      <translation>This computer is already enrolled (device {device}) and cannot enrol again.</translation>
    </message>
    <message>
      <source>本机程序版本过旧（{version}），学籍中心要求 {min_version} 或更新版本。请向县级学籍管理部门索取新版安装程序（可用U盘拷贝）升级后再同步。</source>
      <translation>This program is too old ({version}); the registry requires {min_version} or newer. Get the new installer from the county education bureau (a USB stick will do) and sync after updating.</translation>
    </message>
    <message>
      <source>本程序不支持这个数据包的格式（{found}），没有导入任何内容。请升级程序后再导入。</source>
      <translation>This program does not support this bundle format ({found}); nothing was imported. Update the program and import again.</translation>
    </message>
    <message>
      <source>本设备已被学籍中心停用，本机数据都已保留。请联系县级学籍管理部门重新注册。</source>
      <translation>The registry has disabled this device; all data on this desk is kept. Contact the county education bureau to enrol again.</translation>
    </message>
    <message>
      <source>注册码已被使用，一个注册码只能注册一台电脑。请向县级学籍管理部门重新申请注册码。</source>
      <translation>This enrolment code has been used; each code enrols one computer. Ask the county education bureau for a new code.</translation>
    </message>
    <message>
      <source>注册码无效或已过期，请向县级学籍管理部门重新申请注册码。</source>
      <translation>The enrolment code is invalid or expired. Ask the county education bureau for a new code.</translation>
    </message>
    <message>
      <source>注册码有误：应为20个字符（分4组，每组5个），请逐组核对后重新输入。</source>
      <translation>The enrolment code is mistyped: it has 20 characters in 4 groups of 5. Check each group and type it again.</translation>
    </message>
    <message>
      <source>离线注册未被接受：{detail}</source>
      <translation>Offline enrolment was not accepted: {detail}</translation>
    </message>
    <message>
      <source>这不是学籍数据包（.xjb）文件，没有导入任何内容。</source>
      <translation>This is not a student-status bundle (.xjb); nothing was imported.</translation>
    </message>
    <message>
      <source>这个回执答复的不是本机导出的数据包，没有导入任何内容。</source>
      <translation>This reply does not answer a bundle exported from this desk; nothing was imported.</translation>
    </message>
    <message>
      <source>这个数据包不是发给这里的（收件方不符），没有导入任何内容。</source>
      <translation>This bundle is addressed to someone else; nothing was imported.</translation>
    </message>
    <message>
      <source>这个数据包已导入过，没有重复处理任何内容。</source>
      <translation>This bundle was imported before; nothing was processed twice.</translation>
    </message>
    <message>
      <source>这个数据包已过时（第 {seq} 包，已导入到第 {last} 包），没有导入任何内容；较新的数据包已包含它的全部变更。</source>
      <translation>This bundle is stale (number {seq}; imports have reached number {last}); nothing was imported. The newer bundle holds all its changes.</translation>
    </message>
    <message>
      <source>这个注册码不是发给本校（学校标识码 {school}）的，请核对后重新申请。</source>
      <translation>This enrolment code was not issued to this school (school code {school}). Check it and ask again.</translation>
    </message>
    <message>
      <source>这是{found}，这里只能导入{expected}，没有导入任何内容。</source>
      <translation>This is a {found}; only a {expected} can be imported here. Nothing was imported.</translation>
    </message>
    <message>
      <source>这条冲突已经处理过了，没有做任何更改。</source>
      <translation>This conflict was already resolved; nothing was changed.</translation>
    </message>
    <message>
      <source>{name} 的工作表太大（{rows} 行 × {columns} 列），没有导入任何记录。请删除表格下方和右侧多余的行列，或分批导入。</source>
      <translation>The sheet of {name} is too large ({rows} rows × {columns} columns); nothing was imported. Delete the extra rows and columns below and to the right, or import in parts.</translation>
    </message>
    <message>
      <source>{name} 解压后超过 {max_mb} MB，不像是学生信息表，没有导入任何记录。</source>
      <translation>{name} unpacks to more than {max_mb} MB, which is not what a student list looks like; nothing was imported.</translation>
    </message>
    <message>
      <source>上次自动备份没有完成，请解锁后到“设置 → 备份”检查备份位置并点击“立即备份”。</source>
      <translation>The last automatic backup did not finish. After unlocking, check the backup location in Settings → Backups and click “Back up now”.</translation>
    </message>
    <message>
      <source>备份中有学生的学籍状态与学籍变动记录不一致。</source>
      <translation>In the backup, some students' status does not match their status-change record.</translation>
    </message>
    <message>
      <source>备份中的同步队列与审计记录或学生记录不一致。</source>
      <translation>In the backup, the sync queue does not match the audit log or the student records.</translation>
    </message>
    <message>
      <source>备份中的审计链校验未通过，审计记录可能被改动。</source>
      <translation>The audit chain in the backup does not verify; the audit log may have been altered.</translation>
    </message>
    <message>
      <source>备份中的数据库无法打开或已损坏（加密页校验或完整性检查未通过）。</source>
      <translation>The database in the backup cannot be opened or is damaged (the page check or the integrity check failed).</translation>
    </message>
    <message>
      <source>备份中缺少本数据库的密钥文件，恢复后需要用恢复密钥打开并重设密码。</source>
      <translation>The backup lacks this database's key file; after restoring, open it with the recovery key and set a new password.</translation>
    </message>
    <message>
      <source>备份位置 {folder} 中还没有这个数据库的备份，请先点击“立即备份”。</source>
      <translation>There is no backup of this database in {folder} yet. Click “Back up now” first.</translation>
    </message>
    <message>
      <source>审计日志只能导出为 .csv 或 .xlsx 文件，请换一个文件名。</source>
      <translation>The audit log can only be exported as a .csv or .xlsx file. Choose another file name.</translation>
    </message>
    <message>
      <source>密码错误次数较多，请等待 {seconds} 秒后再试。</source>
      <translation>Too many wrong passwords. Wait {seconds} s and try again.</translation>
    </message>
    <message>
      <source>开始日期 {start} 晚于结束日期 {end}，请核对。</source>
      <translation>The start date {start} is after the end date {end}. Please check.</translation>
    </message>
    <message>
      <source>找不到备份位置 {folder}，请检查U盘是否已插好，或重新选择备份位置。</source>
      <translation>The backup location {folder} cannot be found. Check that the USB stick is plugged in, or choose the location again.</translation>
    </message>
    <message>
      <source>无法在{action}之前备份数据库，没有做任何更改。请检查备份位置（设置 → 备份）是否可写、空间是否足够，然后重试。</source>
      <translation>Could not back up the database before {action}, so nothing was changed. Check that the backup location (Settings → Backups) is writable and has enough space, then try again.</translation>
    </message>
    <message>
      <source>日期“{value}”格式不对，请写成 YYYY-MM-DD，例如 2026-09-01。</source>
      <translation>The date “{value}” is malformed. Write it as YYYY-MM-DD, for example 2026-09-01.</translation>
    </message>
    <message>
      <source>最新的备份属于另一个数据库，不能用来恢复本校的数据。请检查备份位置。</source>
      <translation>The latest backup belongs to another database and cannot restore this school's data. Check the backup location.</translation>
    </message>
    <message>
      <source>照片文件太大（超过 {max_mb} MB），请先缩小后再导入。</source>
      <translation>The photo file is too large (over {max_mb} MB). Make it smaller and import it again.</translation>
    </message>
    <message>
      <source>无法读取数据包“{path}”，没有导入任何内容。请检查文件路径和U盘是否已插好。</source>
      <translation>Cannot read the bundle “{path}”; nothing was imported. Check the file path and that the USB stick is plugged in.</translation>
    </message>
    <message>
      <source>{name} 已在本校就读，不需要申请转入。</source>
      <translation>{name} already studies at this school; no transfer is needed.</translation>
    </message>
    <message>
      <source>{name} 已转到其他学校，本校保留的是档案副本，不能再修改。</source>
      <translation>{name} has moved to another school; this school keeps an archive copy that can no longer be changed.</translation>
    </message>
    <message>
      <source>“{class_name}”不是本校开设学段的班级名称，请写成如“三年级(1)班”的形式。</source>
      <translation>"{class_name}" is not a class of a stage this school runs; write it like 三年级(1)班.</translation>
    </message>
    <message>
      <source>不同意的项目须写明理由，家长会看到：{items}。</source>
      <translation>Give a reason for each refused item (the guardian will see it): {items}.</translation>
    </message>
    <message>
      <source>不同意转出须填写理由，理由会告知转入学校和学籍主管部门。没有做任何更改。</source>
      <translation>Refusing a transfer out needs a reason, which the receiving school and the bureau will see. Nothing was changed.</translation>
    </message>
    <message>
      <source>只有申请转入的学校才能撤回，而且要在申请上报学籍中心之后。</source>
      <translation>Only the school that asked can withdraw, and only after the request has reached the registry.</translation>
    </message>
    <message>
      <source>找不到这项申请，可能还没有同步到本机，请先同步再试。</source>
      <translation>This request is not on this computer yet; sync first, then try again.</translation>
    </message>
    <message>
      <source>请填写原因，没有做任何更改。</source>
      <translation>Please give a reason. Nothing was changed.</translation>
    </message>
    <message>
      <source>请填写学生姓名（与原学校登记的一致），没有提交申请。</source>
      <translation>Please enter the pupil's name as the other school registered it. Nothing was submitted.</translation>
    </message>
    <message>
      <source>请填写转入后就读的班级，例如“三年级(1)班”。</source>
      <translation>Please enter the class the pupil will join, e.g. 三年级(1)班.</translation>
    </message>
    <message>
      <source>转出学校不能是本校。校内换班请办理“调班”。</source>
      <translation>The sending school cannot be this school. To change class within the school, use 调班.</translation>
    </message>
    <message>
      <source>转出学校标识码“{value}”不对：应为10位数字，请向对方学校核对后重新填写。</source>
      <translation>The sending school's code "{value}" is wrong: it has 10 digits. Check it with that school and enter it again.</translation>
    </message>
    <message>
      <source>还有未答复的项目：{items}。请逐项选择同意或不同意。</source>
      <translation>Items not answered yet: {items}. Choose agree or refuse for each.</translation>
    </message>
    <message>
      <source>这一步不由本校办理，现在不需要答复。</source>
      <translation>This step is not this school's; no answer is needed now.</translation>
    </message>
    <message>
      <source>这项家长申请已经答复过，不能重复答复。</source>
      <translation>This guardian request has been answered already.</translation>
    </message>
    <message>
      <source>这项申请已经办结（{state}），不能再更改。</source>
      <translation>This case is closed ({state}) and can no longer be changed.</translation>
    </message>
    <message>
      <source>这项申请已经答复过，答复会在下次同步时上报，不能重复答复。</source>
      <translation>This case has been answered already; the answer is reported at the next sync.</translation>
    </message>
    <message>
      <source>这个回执数据包是学籍中心恢复数据之前生成的，已经过时，没有导入任何内容。请重新导出U盘数据包交县级学籍管理部门导入。</source>
      <translation>This reply bundle was written before the registry restored its data and is out of date; nothing was imported. Export a new USB bundle and take it to the county office.</translation>
    </message>
    <message>
      <source>{name} 中有国家模板以外的列：{columns}。没有导入任何记录。请在“数据交换”页的导入预览中说明每列对应的项目（或不导入），保存为模板后用 --profile 模板名称 导入。</source>
      <translation>{name} has columns the national template does not know: {columns}. Nothing was imported. Say in the import preview of the Data exchange page what each column holds (or leave it out), save that as a template profile, then import with --profile NAME.</translation>
    </message>
    <message>
      <source>{name} 的工作表“{sheet}”缺少必填列：{columns}。没有导入任何记录；请按国家学籍模板补上这些列，或在导入预览中把文件中的列对应到这些项目后再导入。</source>
      <translation>The sheet “{sheet}” of {name} lacks required columns: {columns}. Nothing was imported; add these columns as in the national template, or map columns of the file to these items in the import preview, and import again.</translation>
    </message>
    <message>
      <source>“{value}”有歧义，可填：{choices}</source>
      <translation>“{value}” is ambiguous; write one of: {choices}</translation>
    </message>
    <message>
      <source>导入模板中有不认识的项目：{items}。</source>
      <translation>The template profile names unknown items: {items}.</translation>
    </message>
    <message>
      <source>没有名为“{name}”的导入模板。已保存的模板：{names}。</source>
      <translation>There is no template profile called “{name}”. Saved profiles: {names}.</translation>
    </message>
    <message>
      <source>班号“{code}”是哪个班级？请在导入预览中选择一次（同一班号的各行一起对应），命令行用 --class-code {code}=班级名称 指定。</source>
      <translation>Which class is class code “{code}”? Choose it once in the import preview (all rows with that code follow), or give --class-code {code}=CLASS on the command line.</translation>
    </message>
    <message>
      <source>请给导入模板起一个名称（不超过 {max_len} 个字）。</source>
      <translation>Give the template profile a name (at most {max_len} characters).</translation>
    </message>
    <message>
      <source>这些班号还没有对应的班级：{codes}。没有导入任何记录。请用 --class-code 班号=班级名称 指定（可重复），或在导入预览中选择。</source>
      <translation>These class codes have no class yet: {codes}. Nothing was imported. Give them with --class-code CODE=CLASS (repeatable), or choose them in the import preview.</translation>
    </message>
    <message>
      <source>{items}是受控字段（已与学前教育匹配名单对应），不能直接修改。请按“更正受控字段”办理：写明原因并附证明材料（如户口簿）。</source>
      <translation>{items} are controlled items (they match the preschool list) and cannot be edited directly. Use “Correct controlled items”: give the reason and attach evidence (such as the household register).</translation>
    </message>
    <message>
      <source>{name} 中没有找到名单的表头（应有这些列：{columns}），没有导入任何记录。</source>
      <translation>No list header was found in {name} (it should have these columns: {columns}); nothing was imported.</translation>
    </message>
    <message>
      <source>只有受控字段（姓名、性别、出生日期、身份证件类型、身份证件号）走更正程序；这些项目请直接在学生信息中修改：{items}。</source>
      <translation>Only controlled items (name, sex, date of birth, ID type, ID number) go through the correction procedure; edit these items in the student record directly: {items}.</translation>
    </message>
    <message>
      <source>录取学校标识码“{value}”不是本校（{expected}），这一行不属于本校，没有导入任何记录。</source>
      <translation>The admitting school code “{value}” is not this school ({expected}); the row is not for this school, and nothing was imported.</translation>
    </message>
    <message>
      <source>更正受控字段须写明原因和证明材料（如户口簿复印件、出生医学证明），没有做任何更改。</source>
      <translation>Correcting controlled items needs the reason and the evidence (such as a copy of the household register or the birth certificate); nothing was changed.</translation>
    </message>
    <message>
      <source>本校已有这名学生（{name}），但这些项目与名单不一致：{items}。没有导入任何记录；请核对后按“更正受控字段”办理，或核对名单。</source>
      <translation>The school already has this student ({name}), but these items differ from the list: {items}. Nothing was imported; check them and use “Correct controlled items”, or check the list.</translation>
    </message>
    <message>
      <source>这名学生在学前教育匹配名单上，{header}必须与名单一致（受控字段）。如确需更正，请按“更正受控字段”办理并附证明材料。</source>
      <translation>This student is on the preschool matched list; {header} must match the list (a controlled item). To correct it, use “Correct controlled items” with evidence.</translation>
    </message>
    <message>
      <source>找不到照片文件夹 {folder}，请检查路径或U盘是否已插好。</source>
      <translation>The photo folder {folder} cannot be found. Check the path, or that the USB stick is plugged in.</translation>
    </message>
  </context>
</TS>