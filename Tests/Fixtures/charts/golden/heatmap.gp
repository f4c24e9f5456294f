# Tape chart script (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 640,400 noenhanced background '#ffffff' font 'Sans,9'
set output './plots/golden.png'
set border lc rgb '#202020'
set tics textcolor rgb '#202020'
set key textcolor rgb '#202020'
set title textcolor rgb '#202020'
set xlabel textcolor rgb '#202020'
set ylabel textcolor rgb '#202020'
set y2label textcolor rgb '#202020'
set zlabel textcolor rgb '#202020'
set cblabel textcolor rgb '#202020'
set grid lc rgb '#dcdcdc' lw 1
set linetype 1 lc rgb '#1f77b4' lw 1.5 pt 7 ps 0.6
set linetype 2 lc rgb '#ff7f0e' lw 1.5 pt 7 ps 0.6
set linetype 3 lc rgb '#2ca02c' lw 1.5 pt 7 ps 0.6
set linetype 4 lc rgb '#d62728' lw 1.5 pt 7 ps 0.6
set linetype 5 lc rgb '#9467bd' lw 1.5 pt 7 ps 0.6
set linetype 6 lc rgb '#8c564b' lw 1.5 pt 7 ps 0.6
set linetype 7 lc rgb '#e377c2' lw 1.5 pt 7 ps 0.6
set linetype 8 lc rgb '#7f7f7f' lw 1.5 pt 7 ps 0.6
set linetype 9 lc rgb '#bcbd22' lw 1.5 pt 7 ps 0.6
set linetype 10 lc rgb '#17becf' lw 1.5 pt 7 ps 0.6
set key top left noopaque samplen 2
set title font ',11'
set datafile missing 'NaN'
$d0 << EOD
0 0 19.580643504511897
1 0 19.338449029823224
2 0 19.309554435501397
3 0 19.144254361326183
4 0 26.712418584086485
0 1 28.178747797509264
1 1 17.389817421235577
2 1 20.169944519199912
3 1 20.650541039128576
4 1 17.551534626485132
0 2 23.0225180828608
1 2 17.014665187104328
2 2 26.34656329909315
3 2 20.345178849862975
4 2 24.47243976256064
0 3 20.41040036851487
1 3 18.615376680737338
2 3 21.10298040287688
3 3 22.41500621192816
4 3 19.79197565644708
0 4 17.527032836959265
1 4 22.474442715333275
2 4 19.684604142225325
3 4 8.481852238111621
4 4 11.458715245048957
0 5 11.206098212009463
1 5 11.935208722550495
2 5 9.545293997524173
3 5 4.821158069746789
4 5 -11.850550376656843
EOD
set title 'SPY sma cross, total return %  (best 28.18 at fast 5, slow 40)'
set xlabel 'fast'
set ylabel 'slow'
set cblabel 'return %'
set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')
set cbrange [-11.850550376656843:28.178747797509264]
set xrange [-0.5:5 - 0.5]
set yrange [-0.5:6 - 0.5]
unset grid
set tics out
set xtics ('5' 0, '10' 1, '15' 2, '20' 3, '25' 4)
set ytics ('30' 0, '40' 1, '50' 2, '60' 3, '80' 4, '100' 5)
set key off
set object 1 rect from -0.5, 0.5 to 0.5, 1.5 front fillstyle empty border lc rgb '#202020' lw 3
plot $d0 using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 noborder lc palette notitle, \
     $d0 using 1:2:($3 == $3 ? sprintf('%.3g', $3) : ''):($3 < 6.162633801717908 ? 0xffffff : 0x000000) with labels tc rgb variable font ',8' notitle
set output
