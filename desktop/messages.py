"""The Chinese sentence for every error code: what is wrong and what to do.

Services, the domain and the store report codes with parameters; the CLI and the views
turn them into words here, so both say exactly the same thing.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.errors import FieldError

TEXT: dict[str, str] = {
    "unknown": "操作未完成（{code}）。",
    # cells
    "required": "必填项为空，请填写。",
    "recommended": "建议填写此项（国家模板中为必填）。",
    "header.unknown": "不是国家学籍模板中的列名，请检查拼写或删除此列。",
    "text.too_long": "内容过长，最多 {max_len} 个字符。",
    "number.float": "以数字形式保存（{value}），可能已丢失精度；请把单元格设为文本后重新填写。",
    "code.unknown": "“{value}”不是有效的选项，请按国家模板填写代码表中的名称。",
    "date.format": "日期格式不对，请写成 YYYYMMDD，例如 20150901。",
    "date.invalid": "“{value}”不是真实存在的日期，请核对。",
    "date.range": "日期“{value}”不合理（晚于今天或早于1900年），请核对。",
    "month.format": "年月格式不对，请写成 YYYYMM，例如 202109。",
    "month.range": "年月“{value}”不合理，请核对。",
    "region.format": "行政区划代码应为6位或12位数字，例如 110105 或 110105000000。",
    "region.unknown": "行政区划代码 {region} 不存在，请按 GB/T 2260 核对。",
    "phone.format": "电话号码格式不对，只能包含数字和“-”，例如 13800138000 或 010-12345678。",
    "postcode.format": "邮政编码应为6位数字。",
    "email.format": "电子信箱格式不对，例如 name@example.com。",
    "decimal.format": "应填写数字，例如 2.5。",
    "decimal.range": "数值不合理（应在 0 到 1000 之间）。",
    # identity numbers
    "id.format": "身份证号应为18位（最后一位可为X），现为{length}位，请核对。",
    "id.checksum": "身份证号校验位不对，可能抄错了某一位，请对照户口簿核对。",
    "id.region": "身份证号前6位地区码 {region} 不存在，请核对。",
    "id.birth_date": "身份证号中的出生日期 {value} 不是有效日期，请核对。",
    "id.birth_mismatch": "出生日期与身份证号不一致（身份证号为 {id_birth}），请对照户口簿更正。",
    "id.sex_mismatch": "性别与身份证号不一致（第17位奇数为男、偶数为女），请核对。",
    "id.upgraded": "15位身份证号已按规则升级为18位：{number}。",
    "id.required_for_type": "选择了此证件类型就必须填写证件号。",
    "id.document_format": "证件号只能包含字母、数字、括号和“-”，长度4到20位。",
    "id.z_needs_certificate": "证件类型为“其他”时，须附学生在校就读证明（学生和家长签字、学校盖章，报上级备案）。",
    "id.duplicate_in_batch": "与第{other}条记录的身份证件号相同，一人只能有一个学籍。",
    "id.exists": "该身份证件号已有学籍：{name}（{class_name}，学籍号 {xjh}），一人只能有一个学籍，不能重复建立。",
    "xjh.format": "学籍号应为字母 G、J 或 L 加18位，例如 G110105201509010022。",
    "xjh.checksum": "学籍号校验位不对，请核对。",
    # family members
    "member.none": "至少要填写一名家庭成员或监护人。",
    "member.no_guardian": "至少要有一名家庭成员的“是否监护人”为“是”。",
    "member.id_required": "学生没有身份证件号时，必须填写至少一名监护人的身份证件号。",
    "member.relation_note": "关系为“其他”时须填写关系说明。",
    # consistency
    "health.disability": "健康状况为“残疾”，但残疾类型为空或“无残疾”，请核对。",
    "regular_class.disability": "随班就读的学生应填写残疾类型，请核对。",
    "student.possible_duplicate": "可能重复：已有同名、同出生日期、同性别的学生 {name}（{class_name}，学籍号 {xjh}），已保存并标记待核查。",
    "student.possible_duplicate_in_batch": "可能重复：与第{other}条记录姓名、出生日期、性别相同，已保存并标记待核查。",
    "student.changed_meanwhile": "这名学生的信息刚被其他操作修改过，请关闭后重新打开再改。",
    "student.not_found": "找不到这名学生，可能已被其他操作更改，请刷新后重试。",
    "photo.unreadable": "无法读取这张照片，请选择 JPG 或 PNG 格式的照片文件。",
    "photo.too_large": "照片像素过大（超过4000万像素），请先缩小后再导入。",
    "backup.damaged": "备份文件已损坏或不完整，没有恢复任何数据。请换一个备份文件，或检查U盘。",
    "backup.format": "这不是学籍管理的备份文件（.xjbak），没有恢复任何数据。",
    # status changes
    "change.unknown_type": "没有“{value}”这种学籍变动。可以办理：{known}。",
    "change.not_from_status": "学籍状态为“{status}”的学生不能办理“{change}”，没有做任何更改。",
    "change.no_transfer_while_suspended": "休学期间不能办理转学，请先办理复学。",
    "change.compulsory_forbidden": "{stage}属于义务教育阶段，不得办理“{change}”（《中小学生学籍管理办法》）。辍学学生请办理“辍学登记”，学籍予以保留。",
    "change.not_final_grade": "只有最高年级的学生才能办理“{change}”。",
    "change.flag_missing": "这名学生没有“{flag}”登记，不能办理“{change}”。",
    "change.flag_present": "这名学生已有“{flag}”登记，不能重复办理“{change}”。",
    "change.until_required": "办理“{change}”须写明截止日期（--until YYYY-MM-DD）。",
    "change.until_before_start": "截止日期不能早于开始日期 {start}。",
    "change.suspension_too_long": "休学每次最长一年，截止日期最晚为 {latest}；期满仍需休学的，请到期前办理续休。",
    "change.class_required": "办理“{change}”须指定新班级（--class 班级名称）。",
    "change.class_mismatch": "班级“{class_name}”与“{change}”不符（调班、留级同年级，升级高一个年级，跳级高两个年级以上，降级低一个年级以上）。",
    "change.date_before_last": "变动日期不能早于这名学生上一次学籍变动的日期 {last}，请核对日期。",
    "change.nothing_awaiting": "{name} 没有等待审批的学籍变动，没有做任何更改。",
    "student.not_found_ref": "找不到身份证件号或学籍号为 {ref} 的学生，请核对。",
    # verification and dropout ledger
    "verify.conclusion": "“{value}”不是核查结论，请选择：{known}。",
    "verify.action_required": "核查结论为“{conclusion}”时须写明处理措施（如办理转学、补办休学、注销、劝返、更正信息）。",
    "verify.who": "请写明学生：有学籍的写身份证件号或学籍号，在校不在籍的写姓名。",
    "ledger.no_open_case": "{name} 没有未销号的辍学登记，请先办理“辍学登记”。",
    "deferral.incomplete": "缓学登记须填写儿童姓名、监护人和县级以上医院证明。",
    "deferral.not_active": "这条缓学登记已经结束（已入学或已续缓），不能再办理。",
    "print.class_not_found": "没有名为“{class_name}”的班级，请核对班级名称。",
    "verify_print.no_code": "没有找到要核对的校验码。请输入打印件页脚的“记录 … 版本 … 校验 …”文字或二维码内容，或用 --pdf 指定本程序打印的 PDF 文件。",
    "verify_print.not_a_pdf": "这个文件不是可读取的 PDF，无法核对。扫描件请直接输入页脚的校验码。",
    "verify_print.unreadable": "无法读取文件“{path}”，请确认路径正确、文件没有被占用。",
    "print.needs_student_or_class": "请用 --student 指定学生，或用 --class 指定班级。",
    "reconcile.no_number_column": "{name} 中没有找到带“学籍号”（或“全国学籍号”“个人标识码”）列和“姓名”等列名的名单，无法核对。请使用国家学籍系统导出的学生名单。",
    "print.nothing_chosen": "请先选择要打印的学生、班级或年级。",
    "print.nothing_to_print": "所选范围内没有学生，没有可打印的内容。请换一个班级或年级。",
    "file.write_failed": "无法写入“{path}”，没有保存。请换一个文件夹，或检查U盘是否已插好、是否写保护。",
    # school and classes
    "school.code_mismatch": "学校标识码 {value} 与本校 {expected} 不符，请核对。",
    "school.code_format": "学校标识码应为10位数字（{value}）。",
    "school.name_required": "请填写学校名称。",
    "class.grade_unknown": "无法从班级名称“{value}”判断年级，请写成“三年级(2)班”“初一3班”“高二(5)班”这样的形式。",
    "class.number_unknown": "班级名称“{value}”中没有班号，请写成“三年级(2)班”这样的形式。",
    "class.cohort_ambiguous": "“{year}级”无法确定年级（本校设有多个学段或年份不合理），请在班级名称中写明年级，例如“初一3班”。",
    "class.stage_not_run": "本校没有{stage}学段，请核对班级名称或学校的学段设置。",
    "entry_mode.stage": "入学方式与学段不符：{stage}请选择该学段的入学方式。",
    # accounts and keys
    "password.weak": "密码至少 {min_length} 位，且须包含字母、数字、符号中的至少两种。",
    "permission.denied": "当前账号（{role}）无权进行此操作，请用学籍管理员账号登录。",
    "account.exists": "账号 {user} 已存在，请换一个名称。",
    "recovery.format": "恢复密钥应为56个字符（14组，每组4个），请逐组核对。",
    "recovery.checksum": "恢复密钥有误，可能抄错了某个字符，请逐组核对。",
    # first run
    "setup.system": "请选择学制（六三制或五四制）。",
    "setup.stages": "请至少选择一个学段。",
    "setup.username": "请填写账号名。",
    "setup.password_mismatch": "两次输入的密码不一致。",
    "setup.confirm_recovery": "请确认已把恢复密钥打印或抄写下来并放在安全的地方。",
    # store
    "store.wrong_password": "密码不正确，请重新输入（注意大小写和输入法）。",
    "store.wrong_recovery_key": "恢复密钥不正确或不属于这个数据库，请核对保存在保险柜中的恢复密钥。",
    "store.unknown_account": "没有名为“{user}”的账号，请检查账号名。",
    "store.missing": "找不到数据库文件 {detail}，请检查路径；如果是第一次使用，请先初始化。",
    "store.exists": "数据库文件已存在：{detail}。为防止覆盖已有数据，请换一个位置。",
    "store.keyslots_missing": "找不到密钥文件 {detail}，请用恢复密钥重设密码（xueji reset-password）。",
    "store.keyslots_mismatch": "密钥文件与数据库不匹配或已损坏，请用恢复密钥重设密码（xueji reset-password）。",
    "store.not_a_database": "这个文件不是加密的学籍数据库，请检查路径。",
    "store.locked": "数据库正被另一个程序使用，请关闭其他学籍管理窗口后重试。",
    "store.disk_full": "磁盘空间已满，没有保存任何更改。请清理磁盘后重试。",
    "store.io": "读写磁盘出错，没有保存任何更改。请检查磁盘或U盘后重试。",
    "store.read_only": "数据库所在位置不可写，请检查文件权限或是否为只读U盘。",
    "store.newer_schema": "这个数据库由更新版本的程序创建（结构版本 {found}，本程序只认识到 {known}），请升级程序后再打开。",
    "store.integrity": "数据库文件已损坏，请用最近的备份恢复（xueji restore）。",
    "store.error": "数据库出错，没有保存任何更改。",
    # paper archive (学籍档案)
    "archive.kind_unknown": "“{value}”不是学籍档案清单中的材料，没有做任何更改。",
    "archive.count_invalid": "份数和页数不能是负数，请核对。",
    "archive.loan_incomplete": "借阅登记须填写借阅人和借阅事由。",
    "archive.due_before_lent": "应还日期不能早于借出日期 {lent_on}，请核对。",
    "archive.already_lent": "这份档案已借给 {borrower}（应还日期 {due}），尚未归还，请先办理归还。",
    "archive.handed_over": "这份档案已于 {day} 移交给 {receiver}，不在本校，没有做任何更改。",
    "archive.not_lent": "这份档案没有借出或已经归还，没有做任何更改。",
    "archive.returned_before_lent": "归还日期不能早于借出日期 {lent_on}，请核对。",
    "archive.handover_reason": "“{value}”不是档案移交的原因，请选择：{known}。",
    "archive.handover_incomplete": "档案移交须填写接收单位、移交人和接收人。",
    "archive.transfer_copies": "学生转学时，转出学校须备份保留电子学籍档案，并保留必要的纸质档案复印件；请确认两项都已保留后再登记移交。",
    "archive.handover_empty": "档案中还没有登记任何已有材料，请先在清单中勾选要移交的材料。",
    "archive.scan_too_big": "扫描件太大（超过 {max_mb} MB），请降低扫描分辨率或分页扫描后再添加。",
    "archive.scan_type": "只能添加 JPG、PNG 或 PDF 格式的扫描件，这个文件不是其中一种，没有添加。",
    "archive.scan_unreadable": "扫描件已损坏或不完整，无法读取，没有添加。请重新扫描或重新复制文件。",
    "archive.scan_too_many_pixels": "扫描件像素过多（超过 {max_mp} 百万像素），请降低扫描分辨率后再添加。",
    "archive.scan_not_found": "找不到这份扫描件，可能已被其他操作更改，请刷新后重试。",
    # printed forms and registers
    "print.roster_needs_class": "班级学生名册按班级打印，请用 --class 指定班级，不能用 --student 指定学生。",
    "print.deferral_not_found": "找不到这条缓学登记，可能已被其他操作更改，请刷新后重试。",
    # Excel import and export
    "cell.id_as_number": "Excel 把身份证件号存成了数字，精度已丢失（{value}）。请把这一列的单元格格式设为“文本”，再照户口簿重新输入完整的证件号。",
    "cell.merged": "这是合并单元格的一部分，导入时按空白处理；请取消合并，在每一行分别填写。",
    "import.file_missing": "找不到要导入的文件 {name}，请检查路径。",
    "import.unreadable": "{name} 不是可以读取的 Excel 工作簿，没有导入任何记录。请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入。",
    "import.password": "{name} 设有打开密码，无法读取，没有导入任何记录。请在 Excel 中取消密码并另存后再导入。",
    "import.no_header": "{name} 中没有找到国家学籍模板的表头（前10行中应有“姓名”“性别”“身份证件号”等列名），没有导入任何记录。请使用国家学籍模板。",
    "import.missing_columns": "{name} 的工作表“{sheet}”缺少必填列：{columns}。没有导入任何记录；请按国家学籍模板补上这些列后再导入。",
    "import.no_rows": "{name} 的工作表“{sheet}”在表头下面没有学生数据，没有导入任何记录。",
    "import.refused": "有 {count} 行数据有问题，没有导入任何记录。请按提示改正后重新导入，或选择只导入没有问题的行。",
    "import.changed_meanwhile": "预览之后数据库中的学生信息有了变化，没有导入任何记录。请重新预览后再导入。",
    "export.class_not_found": "没有名为“{class_name}”的班级，没有导出任何记录。请核对班级名称。",
    # USB bundles (.xjb); the same sentences as desktop.sync.bundle_errors.REASONS
    "bundle.not_a_bundle": "这不是学籍数据包（.xjb）文件，没有导入任何内容。",
    "bundle.unsupported": "本程序不支持这个数据包的格式（{found}），没有导入任何内容。请升级程序后再导入。",
    "bundle.truncated": "数据包不完整（可能没有复制完），没有导入任何内容。请重新复制或重新导出。",
    "bundle.too_large": "数据包过大（超过 {limit_mb} MB），没有导入任何内容。",
    "bundle.damaged": "数据包已损坏或被改动过（校验未通过），没有导入任何内容。请重新复制或重新导出。",
    "bundle.malformed": "数据包内容的格式不正确，没有导入任何内容。请把这个文件交给技术支持。",
    "bundle.wrong_kind": "这是{found}，这里只能导入{expected}，没有导入任何内容。",
    "bundle.unknown_sender": "数据包不是由已注册的设备或学籍中心签发的，没有导入任何内容。",
    "bundle.foreign_device": "数据包来自其他学校的设备，没有导入任何内容。",
    "bundle.device_revoked": "发出数据包的设备已被停用，没有导入任何内容。请联系县级学籍管理部门。",
    "bundle.wrong_recipient": "这个数据包不是发给这里的（收件方不符），没有导入任何内容。",
    "bundle.not_our_request": "这个回执答复的不是本机导出的数据包，没有导入任何内容。",
    "bundle.stale": "这个数据包已过时（第 {seq} 包，已导入到第 {last} 包），没有导入任何内容；较新的数据包已包含它的全部变更。",
    "bundle.replayed": "这个数据包已导入过，没有重复处理任何内容。",
    "bundle.enroll_refused": "离线注册未被接受：{detail}",
    # online sync with the registry
    "sync.server_url": "服务器地址“{value}”格式不对，应以 http:// 或 https:// 开头，例如 https://xueji.example.gov.cn。",
    "sync.unreachable": "无法连接学籍中心（{url}），本次没有同步。请检查网络和服务器地址，稍后再试；本机的更改都已保存，会在下次同步时上报。",
    "sync.server_error": "学籍中心暂时无法处理请求（{detail}），本次同步没有完成。本机的更改都已保存，请稍后再试。",
    "sync.not_enrolled": "本机尚未在学籍中心注册，请先在“同步”页输入县级学籍管理部门发放的注册码完成注册（或运行 xueji enroll）。",
    "sync.already_enrolled": "本机已在学籍中心注册（设备编号 {device}），不能重复注册。",
    "sync.code_mistyped": "注册码有误：应为20个字符（分4组，每组5个），请逐组核对后重新输入。",
    "sync.code_invalid": "注册码无效或已过期，请向县级学籍管理部门重新申请注册码。",
    "sync.code_used": "注册码已被使用，一个注册码只能注册一台电脑。请向县级学籍管理部门重新申请注册码。",
    "sync.code_other_school": "这个注册码不是发给本校（学校标识码 {school}）的，请核对后重新申请。",
    "sync.client_too_old": "本机程序版本过旧（{version}），学籍中心要求 {min_version} 或更新版本。请向县级学籍管理部门索取新版安装程序（可用U盘拷贝）升级后再同步。",
    "sync.device_revoked": "本设备已被学籍中心停用，本机数据都已保留。请联系县级学籍管理部门重新注册。",
    "sync.protocol": "学籍中心的答复格式不对，本次同步没有完成。请核对服务器地址是否正确，或升级程序。",
    "sync.server_key_changed": "学籍中心的密钥与注册时不一致，为安全起见本次没有同步。请联系县级学籍管理部门核实服务器地址。",
    "sync.too_large": "有一条变更内容过大，学籍中心无法接收（变更序号 {seq}），请联系技术支持。",
    "sync.conflict_not_found": "找不到这条冲突记录，可能已被处理，请刷新后重试。",
    "sync.conflict_resolved": "这条冲突已经处理过了，没有做任何更改。",
}


def describe(code: str, params: dict[str, Any] | None = None) -> str:
    """The Chinese sentence for `code`, filled with `params`."""
    template = TEXT.get(code, TEXT["unknown"])
    values = {"code": code, "detail": "", **(params or {})}
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def describe_field(error: FieldError) -> str:
    return f"{error.field}: {describe(error.code, error.params)}"
